#include "gpsd_gps.hpp"

#include <fcntl.h>
#include <gps.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fmt/format.h>

namespace platebus::capture {
namespace {

using namespace std::chrono_literals;
constexpr int kWaitMicroseconds = 200'000;  // how long one gps_waiting() blocks: the stop latency
constexpr auto kConnectTimeout = 5s;

}  // namespace

GpsdGpsSource::GpsdGpsSource(std::string host, std::string port, std::chrono::milliseconds max_age, Context& ctx)
    : host_(std::move(host)), port_(std::move(port)), ctx_(ctx), store_("gpsd", max_age) {
  thread_ = std::thread([this] { run(); });
}

GpsdGpsSource::~GpsdGpsSource() {
  stop_.request();
  if (thread_.joinable()) thread_.join();
}

// gps_open() connects with a blocking connect(), which could hold the destructor for minutes on an
// unreachable host. A non-blocking connect first, polled in short slices, finds out whether gpsd
// is listening; gps_open() is then only called when it answers at once.
bool GpsdGpsSource::reachable(std::string& error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int rc = ::getaddrinfo(host_.c_str(), port_.c_str(), &hints, &found); rc != 0) {
    error = fmt::format("cannot resolve {}: {}", host_, ::gai_strerror(rc));
    return false;
  }
  bool ok = false;
  error = "no address";
  for (addrinfo* ai = found; ai && !ok && !stop_.requested(); ai = ai->ai_next) {
    int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) {
      error = std::strerror(errno);
      continue;
    }
    if (::connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
      ok = true;
    } else if (errno == EINPROGRESS) {
      auto deadline = std::chrono::steady_clock::now() + kConnectTimeout;
      error = "connection timed out";
      while (!stop_.requested() && std::chrono::steady_clock::now() < deadline) {
        pollfd pfd{fd, POLLOUT, 0};
        int r = ::poll(&pfd, 1, 200);
        if (r > 0) {
          int so_error = 0;
          socklen_t len = sizeof so_error;
          ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
          if (so_error == 0) {
            ok = true;
          } else {
            error = std::strerror(so_error);
          }
          break;
        }
      }
    } else {
      error = std::strerror(errno);
    }
    ::close(fd);
  }
  ::freeaddrinfo(found);
  return ok;
}

void GpsdGpsSource::run() {
  detail::Backoff backoff;
  bool failing = false;  // in a failure streak: already logged
  bool had_fix = false;
  const std::string where = host_ + ":" + port_;
  while (!stop_.requested()) {
    std::string error;
    gps_data_t data{};
    bool connected = false;
    if (reachable(error)) {
      if (::gps_open(host_.c_str(), port_.c_str(), &data) == 0) {
        connected = true;
      } else {
        error = ::gps_errstr(errno);
      }
    }
    if (stop_.requested()) {
      if (connected) ::gps_close(&data);
      break;
    }
    if (!connected) {
      if (!failing) ctx_.warn("gps gpsd {}: cannot connect ({}); retrying with backoff (1 s .. 30 s)", where, error);
      failing = true;
      if (!stop_.wait_for(backoff.next())) break;
      continue;
    }
    ::gps_stream(&data, WATCH_ENABLE | WATCH_JSON, nullptr);
    ctx_.info("gps gpsd {}: connected", where);
    failing = false;
    backoff.reset();
    bool lost = false;
    while (!stop_.requested()) {
      if (!::gps_waiting(&data, kWaitMicroseconds)) continue;
      if (::gps_read(&data, nullptr, 0) == -1) {
        lost = true;
        break;
      }
      if (!(data.set & MODE_SET)) continue;
      GpsFix fix;
      const gps_fix_t& f = data.fix;
      if (f.mode >= MODE_2D && std::isfinite(f.latitude) && std::isfinite(f.longitude)) {
        fix.has_fix = true;
        fix.latitude = f.latitude;
        fix.longitude = f.longitude;
        if (f.mode >= MODE_3D && std::isfinite(f.altMSL)) fix.altitude_m = f.altMSL;
        if (std::isfinite(f.speed)) fix.speed_mps = f.speed;
        if (std::isfinite(f.track)) fix.heading_deg = f.track;
      }
      if (had_fix && !fix.has_fix) ctx_.warn("gps gpsd {}: the receiver lost its fix", where);
      if (!had_fix && fix.has_fix) ctx_.info("gps gpsd {}: fix at {:.6f}, {:.6f}", where, fix.latitude, fix.longitude);
      had_fix = fix.has_fix;
      store_.store(fix);
    }
    if (!lost) ::gps_stream(&data, WATCH_DISABLE, nullptr);
    ::gps_close(&data);
    if (lost) {
      ctx_.warn("gps gpsd {}: connection lost; reconnecting with backoff (1 s .. 30 s)", where);
      failing = true;
      had_fix = false;
      if (!stop_.wait_for(backoff.next())) break;
    }
  }
}

}  // namespace platebus::capture
