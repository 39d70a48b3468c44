#include "nmea_gps.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "platebus/plugin.hpp"

namespace platebus::capture {
namespace {

using namespace std::chrono_literals;

// NMEA sentences are at most 82 characters; anything past this is noise and is dropped whole.
constexpr std::size_t kMaxLine = 1024;
constexpr auto kWarningInterval = 10s;
constexpr auto kPollInterval = 200ms;

// Splits a byte stream into lines (CR or LF ends one). A line longer than kMaxLine is discarded
// up to its end and reported once as an overlong line.
class LineSplitter {
 public:
  // on_line(std::string_view) -> bool (false stops), on_overlong() -> void
  template <class OnLine, class OnOverlong>
  bool feed(const char* data, std::size_t size, OnLine&& on_line, OnOverlong&& on_overlong) {
    for (std::size_t i = 0; i < size; ++i) {
      char c = data[i];
      if (c == '\n' || c == '\r') {
        bool keep_going = true;
        if (!discarding_ && !line_.empty()) keep_going = on_line(std::string_view(line_));
        line_.clear();
        discarding_ = false;
        if (!keep_going) return false;
      } else if (!discarding_) {
        if (line_.size() >= kMaxLine) {
          discarding_ = true;
          line_.clear();
          on_overlong();
        } else {
          line_.push_back(c);
        }
      }
    }
    return true;
  }
  // The unterminated rest at the end of a file.
  template <class OnLine>
  void finish(OnLine&& on_line) {
    if (!discarding_ && !line_.empty()) on_line(std::string_view(line_));
    line_.clear();
  }

 private:
  std::string line_;
  bool discarding_ = false;
};

speed_t termios_speed(int baud) {
  switch (baud) {
    case 4800: return B4800;
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    default: return B0;
  }
}

std::string errno_text(int err) { return std::strerror(err); }

}  // namespace

// ---- shared -------------------------------------------------------------------------------------

void NmeaGpsSource::handle(const nmea::Sentence& sentence) {
  switch (sentence.type) {
    case nmea::SentenceType::bad_checksum:
      ++bad_checksums_;
      note_rejected();
      return;
    case nmea::SentenceType::malformed:
      ++malformed_;
      note_rejected();
      return;
    case nmea::SentenceType::rmc:
    case nmea::SentenceType::gga:
      break;
    default:
      return;
  }
  fix_.apply(sentence);
  ++fix_sentences_;
  const GpsFix& fix = fix_.fix();
  if (had_fix_ && !fix.has_fix) {
    ctx_.warn("gps nmea {}: the receiver lost its fix ({} {})", path_, nmea::to_string(sentence.type),
              sentence.type == nmea::SentenceType::rmc ? "status V" : "quality 0");
  } else if (!had_fix_ && fix.has_fix) {
    ctx_.info("gps nmea {}: fix at {:.6f}, {:.6f}", path_, fix.latitude, fix.longitude);
  }
  had_fix_ = fix.has_fix;
  store_.store(fix);
}

void NmeaGpsSource::note_rejected() {
  ++rejected_since_warning_;
  auto now = std::chrono::steady_clock::now();
  if (!warned_ || now - last_warning_ >= kWarningInterval) {
    ctx_.warn("gps nmea {}: ignored {} sentence(s) with a bad or missing checksum or malformed fields "
              "({} bad checksums, {} malformed so far)",
              path_, rejected_since_warning_, bad_checksums_.load(), malformed_.load());
    warned_ = true;
    last_warning_ = now;
    rejected_since_warning_ = 0;
  }
}

void NmeaGpsSource::stop_thread() {
  stop_.request();
  if (thread_.joinable()) thread_.join();
}

// ---- file replay --------------------------------------------------------------------------------

NmeaFileGpsSource::NmeaFileGpsSource(std::string path, std::chrono::milliseconds max_age, Context& ctx)
    : NmeaGpsSource(std::move(path), max_age, ctx) {
  // Opened here so an unreadable file is a config error, not a silent thread failure.
  std::FILE* probe = std::fopen(path_.c_str(), "rb");
  if (!probe) {
    throw ConfigError("gps: cannot read the NMEA log \"" + path_ + "\": " + errno_text(errno) +
                      "; give a readable file or a serial device");
  }
  std::fclose(probe);
  thread_ = std::thread([this] { run(); });
}

NmeaFileGpsSource::~NmeaFileGpsSource() { stop_thread(); }

void NmeaFileGpsSource::run() {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path_.c_str(), "rb"), &std::fclose);
  if (!file) {
    ctx_.error("gps nmea {}: cannot open the log: {}", path_, errno_text(errno));
    finished_ = true;
    return;
  }
  nmea::ReplayPacer pacer;
  LineSplitter splitter;
  auto on_line = [&](std::string_view line) {
    nmea::Sentence sentence = nmea::parse_sentence(line);
    auto delay = pacer.delay_before(sentence);
    if (delay.count() > 0 && !stop_.wait_for(delay)) return false;
    handle(sentence);
    return !stop_.requested();
  };
  auto on_overlong = [&] { handle(nmea::only(nmea::SentenceType::malformed)); };
  std::array<char, 4096> buffer{};
  bool stopped = false;
  while (!stopped) {
    std::size_t n = std::fread(buffer.data(), 1, buffer.size(), file.get());
    if (n == 0) break;
    stopped = !splitter.feed(buffer.data(), n, on_line, on_overlong);
  }
  if (!stopped) {
    splitter.finish(on_line);
    ctx_.info("gps nmea {}: end of the recorded log ({} RMC/GGA sentences); the last fix ages out after {} ms",
              path_, fix_sentences(), store_.max_age().count());
  }
  finished_ = true;
}

// ---- serial -------------------------------------------------------------------------------------

bool NmeaSerialGpsSource::supported_baud(int baud) { return termios_speed(baud) != B0; }

NmeaSerialGpsSource::NmeaSerialGpsSource(std::string path, int baud, std::chrono::milliseconds max_age,
                                         Context& ctx)
    : NmeaGpsSource(std::move(path), max_age, ctx), baud_(baud) {
  if (!supported_baud(baud)) {
    throw ConfigError("gps: baud " + std::to_string(baud) +
                      " is not supported; use 4800, 9600, 19200, 38400, 57600 or 115200");
  }
  // A device that is there but cannot be used (permissions, not a tty) is a config error; one
  // that is not plugged in yet is waited for.
  int fd = -1;
  struct stat st{};
  if (::stat(path_.c_str(), &st) == 0) {
    std::string error;
    fd = open_device(error);
    if (fd < 0) throw ConfigError("gps: cannot use the serial device \"" + path_ + "\": " + error);
  } else {
    ctx_.warn("gps nmea {}: the serial device is not there ({}); waiting for it", path_, errno_text(errno));
  }
  thread_ = std::thread([this, fd] { run(fd); });
}

NmeaSerialGpsSource::~NmeaSerialGpsSource() { stop_thread(); }

int NmeaSerialGpsSource::open_device(std::string& error) const {
  int fd = ::open(path_.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    error = errno_text(errno);
    if (errno == EACCES) error += " (is the user in the dialout group?)";
    return -1;
  }
  termios tio{};
  if (::tcgetattr(fd, &tio) != 0) {
    error = "not a serial port (" + errno_text(errno) + ")";
    ::close(fd);
    return -1;
  }
  ::cfmakeraw(&tio);
  tio.c_cflag |= CLOCAL | CREAD;
  tio.c_cc[VMIN] = 0;
  tio.c_cc[VTIME] = 0;
  speed_t speed = termios_speed(baud_);
  if (::cfsetispeed(&tio, speed) != 0 || ::cfsetospeed(&tio, speed) != 0 || ::tcsetattr(fd, TCSANOW, &tio) != 0) {
    error = "cannot set " + std::to_string(baud_) + " baud raw mode (" + errno_text(errno) + ")";
    ::close(fd);
    return -1;
  }
  ::tcflush(fd, TCIFLUSH);
  return fd;
}

void NmeaSerialGpsSource::run(int fd) {
  detail::Backoff backoff;
  LineSplitter splitter;
  bool failing = fd < 0;  // in a streak of failed opens: warned once already
  auto on_line = [&](std::string_view line) {
    handle(nmea::parse_sentence(line));
    return true;
  };
  auto on_overlong = [&] { handle(nmea::only(nmea::SentenceType::malformed)); };
  std::array<char, 1024> buffer{};
  while (!stop_.requested()) {
    if (fd < 0) {
      std::string error;
      fd = open_device(error);
      if (fd < 0) {
        if (!failing) ctx_.warn("gps nmea {}: cannot open the serial device: {}; retrying", path_, error);
        failing = true;
        if (!stop_.wait_for(backoff.next())) break;
        continue;
      }
      if (failing) ctx_.info("gps nmea {}: serial device open again at {} baud", path_, baud_);
      failing = false;
      backoff.reset();
      splitter = LineSplitter{};
    }
    pollfd pfd{fd, POLLIN, 0};
    int ready = ::poll(&pfd, 1, static_cast<int>(kPollInterval.count()));
    if (ready < 0 && errno != EINTR) {
      ctx_.error("gps nmea {}: poll failed: {}", path_, errno_text(errno));
      stop_.wait_for(1s);
      continue;
    }
    if (ready <= 0) continue;
    bool gone = false;
    std::string why;
    if (pfd.revents & POLLIN) {
      ssize_t n = ::read(fd, buffer.data(), buffer.size());
      if (n > 0) {
        splitter.feed(buffer.data(), static_cast<std::size_t>(n), on_line, on_overlong);
      } else if (n == 0) {
        gone = true;
        why = "end of stream";
      } else if (errno != EAGAIN && errno != EINTR) {
        gone = true;
        why = errno_text(errno);
      }
    } else if (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) {
      gone = true;
      why = (pfd.revents & POLLHUP) ? "hang-up" : "device error";
    }
    if (gone) {
      ctx_.warn("gps nmea {}: the serial device went away ({}); reopening with backoff (1 s .. 30 s)", path_, why);
      ::close(fd);
      fd = -1;
      failing = true;
      if (!stop_.wait_for(backoff.next())) break;
    }
  }
  if (fd >= 0) ::close(fd);
}

}  // namespace platebus::capture
