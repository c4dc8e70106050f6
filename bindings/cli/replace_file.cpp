#include "replace_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace tempo::cli {

std::string replace_file(const std::string& link, std::string_view text) {
  // A symbolic link stays a link: the file it points to is the one replaced.
  std::error_code ec;
  const std::filesystem::path real = std::filesystem::canonical(link, ec);
  const std::string path = ec ? link : real.string();
  struct stat original {};
  if (::stat(path.c_str(), &original) != 0) return std::strerror(errno);
  const std::filesystem::path target(path);
  std::string name = target.filename().string();
  name.insert(name.begin(), '.');
  name.append(".tempo-fmt-XXXXXX");
  std::string temporary = (target.parent_path() / name).string();
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) return std::strerror(errno);
  auto fail = [&] {
    const std::string why = std::strerror(errno);
    ::close(fd);
    ::unlink(temporary.c_str());
    return why;
  };
  for (std::size_t written = 0; written < text.size();) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail();
    written += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, original.st_mode & 07777) != 0 || ::fsync(fd) != 0) return fail();
  if (::close(fd) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temporary.c_str());
    return why;
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temporary.c_str());
    return why;
  }
  return {};
}

}  // namespace tempo::cli
