// Replays a fuzzer's seed corpus through its LLVMFuzzerTestOneInput, so the
// corpus is a regression test in every configuration (plain, asan, tsan)
// with any compiler, no libFuzzer needed: `bazel test //fuzz:all`.
//
// Usage: corpus_replay DIR... (every regular file in each directory).
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  int files = 0;
  for (int i = 1; i < argc; ++i) {
    std::error_code ec;
    std::filesystem::directory_iterator dir(argv[i], ec);
    if (ec) {
      std::fprintf(stderr, "corpus_replay: cannot read %s: %s\n", argv[i],
                   ec.message().c_str());
      return 2;
    }
    for (const auto& entry : dir) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                    std::istreambuf_iterator<char>());
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()),
                             bytes.size());
      ++files;
    }
  }
  if (files == 0) {
    std::fprintf(stderr, "corpus_replay: no input files\n");
    return 2;
  }
  std::printf("corpus_replay: %d inputs ran clean\n", files);
  return 0;
}
