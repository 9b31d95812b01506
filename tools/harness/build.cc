#include "tools/harness/build.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "arch/arch.h"
#include "arch/conformance/checks.h"
#include "arch/rules.h"

namespace vzsim::harness {

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int RunTool(const std::vector<std::string>& argv, const std::string& log) {
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    setenv("LC_ALL", "C", 1);
    std::vector<char*> args;
    for (const std::string& a : argv)
      args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string FirstError(const std::string& output) {
  for (absl::string_view line : absl::StrSplit(output, '\n')) {
    if ((absl::StrContains(line, "error:") &&
         !absl::StrContains(line, "collect2")) ||
        absl::StrContains(line, "undefined reference") ||
        absl::StrContains(line, "multiple definition")) {
      return std::string(line);
    }
  }
  return "";
}

namespace {

// The child: never returns.
// The first of `names` the loaded object does not define itself (dlsym
// on its handle searches it and its own dependencies, not vzsim), or "".
std::string FirstUndefined(void* handle,
                           const std::vector<std::string>& names) {
  for (const std::string& n : names) {
    if (dlsym(handle, n.c_str()) == nullptr) return n;
  }
  return "";
}

[[noreturn]] void Child(int out, const std::string& object,
                        const std::string& symbol, const std::string& rule_id,
                        const std::string& log, int timeout_seconds,
                        const std::vector<std::string>& required) {
  const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) {
    dup2(fd, 1);
    dup2(fd, 2);
    close(fd);
  }
  alarm(timeout_seconds);
  std::string answer;
  void* handle = dlopen(object.c_str(), RTLD_NOW | RTLD_LOCAL);
  const auto* ops =
      handle ? static_cast<const arch_ops*>(dlsym(handle, symbol.c_str()))
             : nullptr;
  const PortingRule* rule = FindRule(rule_id);
  const std::string undefined = handle ? FirstUndefined(handle, required) : "";
  if (!handle) {
    answer = std::string("L") + dlerror();
  } else if (!undefined.empty()) {
    answer = "L" + object + ": undefined symbol: " + undefined +
             " (the glue's call would reach vzsim's own port)";
  } else if (!ops || !rule) {
    answer = "L" + symbol + ": no such hook table in the object";
  } else {
    const Verdict v = CheckRule(*ops, *rule);
    answer = (v.pass ? "P" : "F") + v.explanation;
  }
  size_t done = 0;
  while (done < answer.size()) {
    const ssize_t n = write(out, answer.data() + done, answer.size() - done);
    if (n <= 0) break;
    done += n;
  }
  _exit(0);
}

}  // namespace

Judgement JudgeInChild(const std::string& object, const std::string& symbol,
                       const std::string& rule_id, const std::string& log,
                       int timeout_seconds,
                       const std::vector<std::string>& required) {
  Judgement j;
  int fds[2];
  if (pipe(fds) != 0) {
    j.text = "cannot make a pipe";
    return j;
  }
  fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) {
    j.text = "cannot fork";
    return j;
  }
  if (pid == 0) {
    close(fds[0]);
    Child(fds[1], object, symbol, rule_id, log, timeout_seconds, required);
  }
  close(fds[1]);
  std::string answer;
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof(buf))) > 0) answer.append(buf, n);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (answer.empty()) {
    j.loaded = true;
    if (WIFSIGNALED(status)) {
      j.text = WTERMSIG(status) == SIGALRM
                   ? "the check did not finish in time"
                   : std::string("the check crashed: ") +
                         strsignal(WTERMSIG(status));
    } else {
      j.text = "the check ended without a verdict";
    }
    return j;
  }
  if (answer[0] == 'L') {
    j.text = answer.substr(1);
    return j;
  }
  j.loaded = j.finished = true;
  j.pass = answer[0] == 'P';
  j.text = answer.substr(1);
  return j;
}

}  // namespace vzsim::harness
