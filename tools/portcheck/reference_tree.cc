#include "tools/portcheck/reference_tree.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace vzsim::portcheck {

namespace fs = std::filesystem;

const std::string& UnpackedReference(std::string* why) {
  static std::string dir, reason;
  static bool tried = false;
  if (!tried) {
    tried = true;
    const char* ref = std::getenv("VZSIM_REFERENCE");
    const char* tmp = std::getenv("TEST_TMPDIR");
    const std::string tarball =
        ref == nullptr ? ""
                       : absl::StrCat(ref, "/openvz-2.6.18-028stab056.tar.xz");
    if (ref == nullptr || !fs::exists(tarball) || tmp == nullptr) {
      reason =
          "VZSIM_REFERENCE is unset or holds no reference tarball; "
          "tools/test.sh sets it where the reference is present";
    } else {
      const std::string out = absl::StrCat(tmp, "/reference");
      fs::create_directories(out);
      const std::string cmd = absl::StrCat(
          "tar -xJf '", tarball, "' -C '", out,
          "' --wildcards ./vanilla-2.6.18/arch ./openvz-028stab056/arch "
          "'./patches/openvz-arch-*.diff'");
      if (std::system(cmd.c_str()) == 0) {
        dir = out;
      } else {
        reason = "could not unpack " + tarball;
      }
    }
  }
  *why = reason;
  return dir;
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace vzsim::portcheck
