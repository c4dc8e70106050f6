// Digests of the evaluation tree's nodes: what Schedule::fingerprint() hashes and what
// tempo::continues() compares to skip ranges where two schedules provably agree. A node's digest
// covers everything its values depend on (op, constants, lists, children and their starts) and
// nothing of how the table stores it (node indices, sharing), so a binding used twice and the
// same expression written twice digest alike. The byte layout is docs/lifecycle.md's.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "tree.hpp"

namespace tempo::detail {

// FNV-1a, 64 bits (offset basis 0xcbf29ce484222325, prime 0x100000001b3), fed fixed-width
// little-endian integers and IEEE-754 bit patterns so that every machine sees the same bytes.
class Fnv1a {
 public:
  void byte(std::uint8_t b) noexcept {
    hash_ ^= b;
    hash_ *= 0x100000001b3ull;
  }
  void u32(std::uint32_t v) noexcept {
    for (int i = 0; i < 4; ++i) byte(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  void u64(std::uint64_t v) noexcept {
    for (int i = 0; i < 8; ++i) byte(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  void f64(double v) noexcept;  // the bit pattern; every NaN as 0x7ff8000000000000
  void text(std::string_view s) noexcept {
    u32(static_cast<std::uint32_t>(s.size()));
    for (char c : s) byte(static_cast<std::uint8_t>(c));
  }
  std::uint64_t value() const noexcept { return hash_; }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ull;
};

struct NodeDigest {
  std::uint64_t body = 0;  // everything but the node's own length and end value
  std::uint64_t full = 0;  // body, length and end
  bool scripted = false;   // a host-defined phase is inside: equal digests prove nothing
};

// The digests of every node reachable from the root, indexed like tree.nodes.
std::vector<NodeDigest> digest_nodes(const Tree& tree);

}  // namespace tempo::detail
