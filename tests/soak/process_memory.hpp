#pragma once
// This process's memory as the kernel counts it. RssAnon is the heap and stacks: what a leak grows.
// VmRSS adds mapped files, which includes the LMDB pages the stores touch, and is reported beside it.
#include <fstream>
#include <string>

namespace soak {

struct ProcessMemory {
  long long rss_kb = 0;
  long long anon_kb = 0;

  static ProcessMemory now() {
    ProcessMemory memory;
    std::ifstream status("/proc/self/status");
    for (std::string name; status >> name;) {
      long long kb = 0;
      if (name == "VmRSS:" && status >> kb) memory.rss_kb = kb;
      if (name == "RssAnon:" && status >> kb) memory.anon_kb = kb;
      status.ignore(256, '\n');
    }
    return memory;
  }
};

}  // namespace soak
