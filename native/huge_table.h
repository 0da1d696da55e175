// A fixed-size table that asks the kernel for 2 MiB pages when it is large.
//
// A large catalog's key tables are megabytes (at 5,000 synthetic signatures the eight-character
// keys' slots and their crowded keys' second table are 4 MiB each), read at random: a slot or
// two a line, and a prefetch of each a wide key's hit may need. In 4 KiB pages that is 2,048 pages,
// the whole reach of the second-level TLB of many x86 cores, so most of those reads also walk the
// page table. In 2 MiB pages the two tables take four TLB entries. Measured on the Loghub lines
// at N = 5,000, six engines of each kind interleaved over three processes: a median 72.3 ns a line
// against 74.0, nothing at N = 50, whose tables are small (docs/matching.md, session 11).
//
// Linux only, and only a hint: with transparent huge pages set to "madvise" (the usual default)
// the kernel backs the table with huge pages when it can; with "never", or elsewhere, the table is
// ordinary memory, aligned. A table under kHugeFrom bytes is allocated as any other.
#pragma once

#include <algorithm>
#include <cstddef>
#include <new>
#include <type_traits>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace logsig {

template <typename T>
class HugeTable {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>,
                "a HugeTable holds plain records");

 public:
  static constexpr size_t kHugePage = size_t{1} << 21;
  // Below this a table fits in the TLB's reach anyway, and rounding it up to a huge page would
  // waste more than it saves.
  static constexpr size_t kHugeFrom = size_t{1} << 20;

  HugeTable() = default;
  HugeTable(const HugeTable&) = delete;
  HugeTable& operator=(const HugeTable&) = delete;
  ~HugeTable() { Release(); }

  // `count` copies of `value`; what the table held before is gone.
  void Assign(size_t count, const T& value) {
    Release();
    const size_t bytes = count * sizeof(T);
    const bool huge = bytes >= kHugeFrom;
    align_ = huge ? kHugePage : std::max(alignof(std::max_align_t), alignof(T));
    const size_t allocated = huge ? (bytes + kHugePage - 1) / kHugePage * kHugePage : bytes;
    data_ = static_cast<T*>(::operator new(allocated == 0 ? 1 : allocated, std::align_val_t{align_}));
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    // Before the first write, so that the pages are faulted in huge. A refusal only costs speed.
    if (huge) madvise(data_, allocated, MADV_HUGEPAGE);
#endif
    for (size_t i = 0; i < count; i++) data_[i] = value;
    size_ = count;
  }

  size_t size() const { return size_; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }

 private:
  void Release() {
    if (data_ != nullptr) ::operator delete(data_, std::align_val_t{align_});
    data_ = nullptr;
    size_ = 0;
  }

  T* data_ = nullptr;
  size_t size_ = 0;
  size_t align_ = alignof(T);
};

}  // namespace logsig
