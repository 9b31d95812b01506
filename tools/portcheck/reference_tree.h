// The reference kernel for the tests that read it (portcheck's and the
// harness's reference tests): VZSIM_REFERENCE names the folder holding
// openvz-2.6.18-028stab056.tar.xz (tools/test.sh passes it where the
// reference is present). The first call unpacks arch/ of both trees and the
// arch patches into TEST_TMPDIR/reference; later calls return the same.
#ifndef VZSIM_TOOLS_PORTCHECK_REFERENCE_TREE_H_
#define VZSIM_TOOLS_PORTCHECK_REFERENCE_TREE_H_

#include <string>

namespace vzsim::portcheck {

// The unpacked reference's root, or "" with `why` set to the reason a test
// gives when it skips.
const std::string& UnpackedReference(std::string* why);

// A whole file's bytes ("" when it cannot be read).
std::string ReadWholeFile(const std::string& path);

}  // namespace vzsim::portcheck

#endif  // VZSIM_TOOLS_PORTCHECK_REFERENCE_TREE_H_
