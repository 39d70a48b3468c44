// match.hotlist: matches every PlateRead against the hot lists and publishes a Hit for each live entry
// it matches (once per read and entry), keeps the hits and their dispositions, and serves the
// `hotlist` service. The lists live in LMDB; the matcher is rebuilt off the reading thread after
// each change and swapped in. See docs/hotlists.md.
#include <memory>
#include <system_error>


#include "hit_raiser.hpp"
#include "lmdb_environment.hpp"
#include "hit_store.hpp"
#include "hotlist_service.hpp"
#include "hotlist_settings.hpp"
#include "hotlist_store.hpp"
#include "matcher_holder.hpp"
#include "platebus/audit_event.hpp"
#include "platebus/plugin.hpp"
#include "background_worker.hpp"

namespace {

using namespace platebus;
using namespace platebus::hotlist;

constexpr auto kPurgeInterval = std::chrono::hours(1);

class HotlistPlugin final : public Plugin {
 public:
  static std::vector<ConfigProblem> validate(const nlohmann::json& config) { return HotlistSettings::validate(config); }

  void configure(Context& ctx) override {
    settings_ = HotlistSettings::from_config(ctx.config());
    lmdb_store::require_writable_database_folder(settings_.database);
  }

  void start(Context& ctx) override {
    lmdb_store::LmdbOptions options;
    options.map_size = settings_.map_size_mib << 20;
    lists_ = std::make_unique<HotlistStore>(settings_.database, options);
    hits_ = std::make_unique<HitStore>(settings_.database, options);
    matcher_ = std::make_unique<MatcherHolder>(
        [this] { return lists_->load_index(settings_.matching_table()); },
        [&ctx](bool ok, const std::string& text) { ctx.log(ok ? LogLevel::info : LogLevel::error, text); },
        settings_.matching_table());
    matcher_->load_and_start();
    raiser_ = std::make_unique<HitRaiser>(HitOptions{settings_.notice, settings_.match_alternatives},
                                          HitDedupe(settings_.dedupe_window, settings_.dedupe_capacity));
    service_ = std::make_unique<HotlistService>(*lists_, *hits_, *matcher_);
    worker_ = std::make_unique<BackgroundWorker>();
  }

  void run(Context& ctx) override {
    auto next_purge = std::chrono::steady_clock::now();  // once at start, then hourly
    while (!ctx.stopping()) {
      if (std::chrono::steady_clock::now() >= next_purge) {
        worker_->submit([this, &ctx] {
          if (settings_.purge_expired_after) purge_expired(ctx);
          purge_old_hits(ctx);
        });
        next_purge = std::chrono::steady_clock::now() + kPurgeInterval;
      }
      auto message = ctx.receive(std::chrono::milliseconds(250));
      if (!message) continue;
      // Only the host marks a request; a read on the topic can never pass for one.
      if (message->is_request())
        worker_->submit([this, &ctx, request = std::move(*message)] { service_->table().serve(ctx, request); });
      else on_read(ctx, *message);
    }
  }

  void stop(Context&) override {
    worker_.reset();
    service_.reset();
    raiser_.reset();
    matcher_.reset();
    hits_.reset();
    lists_.reset();
  }

 private:
  // Expired entries never match; with purge_expired_after set they are also deleted, and since no
  // person asked for that, the plugin records it on its audit port itself.
  void purge_expired(Context& ctx) {
    try {
      const auto before = now_utc() - std::chrono::duration_cast<std::chrono::microseconds>(*settings_.purge_expired_after);
      for (const auto& [list, count] : lists_->purge_expired(before)) {
        ctx.info("purged {} plate(s) of list '{}' that expired before {}", count, list, to_iso8601(before));
        record_system_purge(ctx, audit_category::hot_plate_delete, "hotlist:" + list,
                            {{"list", list}, {"plates", count}, {"expired_before", to_iso8601(before)}},
                            fmt::format("{} expired plate(s) purged automatically (purge_expired_after)", count));
      }
    } catch (const std::exception& e) {
      ctx.error("purging expired plates failed: {}; it is tried again in an hour", e.what());
    }
  }

  // What no person asked for is recorded by the plugin itself, on its audit port, as the system.
  static void record_system_purge(Context& ctx, const char* category, const std::string& target, nlohmann::json query,
                                  std::string detail) {
    AuditEvent event;
    event.at = now_utc();
    event.actor = Actor::system();
    event.category = category;
    event.target = target;
    event.query = std::move(query);
    event.outcome = audit_outcome::allowed;
    event.detail = std::move(detail);
    if (ctx.is_published("audit")) ctx.publish("audit", event.to_message());
    else ctx.warn("the purge of {} is not audited: map the 'audit' port to the audit topic", target);
  }

  // Retention: hits older than hit_retention go, and the purge is recorded like any other.
  void purge_old_hits(Context& ctx) {
    try {
      const auto before = now_utc() - std::chrono::duration_cast<std::chrono::microseconds>(settings_.hit_retention);
      const auto count = hits_->purge_before(before);
      if (count == 0) return;
      ctx.info("purged {} hit(s) raised before {} (hit_retention)", count, to_iso8601(before));
      record_system_purge(ctx, audit_category::retention_purge, "hits",
                          {{"hits", count}, {"raised_before", to_iso8601(before)}},
                          fmt::format("{} hit(s) past their retention purged automatically (hit_retention)", count));
    } catch (const std::exception& e) {
      ctx.error("purging old hits failed: {}; it is tried again in an hour", e.what());
    }
  }

  void on_read(Context& ctx, const Message& message) {
    PlateRead read;
    try {
      read = PlateRead::from_message(message);
    } catch (const std::exception& e) {
      ctx.warn("dropped a message from '{}' on '{}' that is not a PlateRead: {}", message.source(), message.topic,
               e.what());
      return;
    }
    const auto matcher = matcher_->current();
    for (auto& hit : raiser_->hits_for(read, *matcher, now_utc())) {
      auto out = hit.to_message();
      auto stored = out.header;
      stored.erase(field::parts);
      ctx.publish("hits", std::move(out));  // first the alert, then the record
      ctx.info("hit {}: read '{}' on {} matches {} in list '{}' ({}, {})", hit.hit_id, read.text, read.camera,
               hit.hot_plate.plate, hit.hot_plate.list, hit.match_kind, hit.hot_plate.category);
      worker_->submit([this, &ctx, stored = std::move(stored), at = now_utc()] {
        try {
          hits_->add(stored, at);
        } catch (const std::exception& e) {
          ctx.error("hit {} was published but not stored: {}", stored.value("hit_id", ""), e.what());
        }
      });
    }
  }

  HotlistSettings settings_;
  std::unique_ptr<HotlistStore> lists_;
  std::unique_ptr<HitStore> hits_;
  std::unique_ptr<MatcherHolder> matcher_;
  std::unique_ptr<HitRaiser> raiser_;
  std::unique_ptr<HotlistService> service_;
  std::unique_ptr<BackgroundWorker> worker_;
};

constexpr PortSpec kPorts[] = {
    {"reads", PortDirection::input, "PlateRead", Delivery::lossless,
     "plate reads to match; refinements of one car pass share a read_id"},
    {"hits", PortDirection::output, "Hit", Delivery::lossless,
     "one Hit per read and matching hot-plate entry, with the read's images (plate_crop, overview)"},
    {"audit", PortDirection::output, "AuditEvent", Delivery::lossless,
     "audit events for what no person asked: expired plates purged (with purge_expired_after), old hits purged"},
    {"hotlist", PortDirection::serve, "*", Delivery::lossless,
     "HotlistImport, HotplateAdd, HotlistList, HotlistShow, HotplateDelete, HotlistDelete, HitList, HitShow, "
     "HitAcknowledge (docs/hotlists.md)"}};

constexpr ConfigKey kConfig[] = {
    {"database", ConfigType::path, nullptr,
     "folder of the LMDB database with the hot lists and the hits (created if missing)"},
    {"confusables", ConfigType::list, "null",
     "OCR-confusable groups, e.g. [\"0ODQ\", \"1ILT\", \"2Z\", \"5S\", \"6G\", \"8B\"] (the default); [] for none"},
    {"notice", ConfigType::string, "null",
     "the standing line every hit carries (default: the hot list is not real-time, verify visually and through CLETS)"},
    ConfigKey{"dedupe_window", ConfigType::duration, "10m",
              "how long a (read_id, entry) pair is remembered so refinements of one pass do not alert twice"}
        .at_least("1s"),
    ConfigKey{"dedupe_capacity", ConfigType::integer, "100000", "the most (read_id, entry) pairs remembered"}
        .at_least("100"),
    {"match_alternatives", ConfigType::boolean, "true", "also match the read's alternative texts"},
    {"match_confusables", ConfigType::boolean, "true", "also match plates that differ only by OCR confusions"},
    ConfigKey{"map_size_mib", ConfigType::integer, "4096", "the most the database may grow to, in MiB"}.at_least("16"),
    ConfigKey{"hit_retention", ConfigType::duration, "730d",
              "hits (and the read each holds) are purged this long after they were raised (checked at start and "
              "hourly, audited as retention.purge); the use policy keeps reads, and the hits that hold them, a year"}
        .at_least("365d"),
    {"purge_expired_after", ConfigType::duration, "null",
     "delete entries expired longer than this (checked at start and hourly, audited); unset: never, "
     "hot-list data is deleted by hand"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<HotlistPlugin>("match.hotlist", "1.0.0",
                                                         "Matches plate reads against hot lists and raises hits",
                                                         kPorts, kConfig))
