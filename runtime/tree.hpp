// The evaluation tree behind tempo::Schedule: plain data (a flat node table plus side tables),
// built by the compiler and read by `evaluate`. Nothing here knows about source text, so a tree
// can be printed, compared, copied and benchmarked without the parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "ops.hpp"
#include "tempo/observations.hpp"
#include "tempo/schedule.hpp"
#include "tempo/scripted.hpp"

namespace tempo::detail {

inline constexpr double forever = std::numeric_limits<double>::infinity();

// A node holds its end value from `length` on: this is how every phase holds after it ends.
struct Node {
  Op op = Op::constant;
  std::uint32_t first = 0;
  std::uint32_t count = 0;
  double length = forever;
  double end = 0;
  double c0 = 0, c1 = 1;
  Params params;  // the member named after `op` (ops.hpp); make.hpp sets it
};

struct Tree;

// Takes a schedule's metric-driven decisions (plateau, LANGUAGE.md §10.9) over a record of
// observations: the compiler plans and lowers the schedule again with the record, so that the
// phases after a plateau start from the level it reached. Only trees that decide have one.
struct Decider {
  virtual ~Decider() = default;
  virtual std::shared_ptr<const Tree> decide(const Observations& record) const = 0;
};

struct Tree {
  std::vector<Node> nodes;
  std::vector<std::uint32_t> children;  // composite nodes' children
  std::vector<double> starts;           // parallel to children: phase starts, signs, or flags
  std::vector<double> values;           // lists: multistep milestones, scripted phases' arguments
  std::vector<std::shared_ptr<const ScriptedPhase>> scripted;  // host-defined phases
  std::uint32_t root = 0;

  std::vector<PhaseRow> phases;  // metadata for explain; not used by evaluation
  std::string source;
  double total = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::string> metrics;        // the metrics its plateau phases decide over
  std::shared_ptr<const Decider> decider;  // set when `metrics` is not empty
  double steps_per_epoch = std::numeric_limits<double>::quiet_NaN();  // the rest of the context
  double tokens_per_step = std::numeric_limits<double>::quiet_NaN();

  std::uint32_t add(const Node& node) {
    nodes.push_back(node);
    return static_cast<std::uint32_t>(nodes.size() - 1);
  }
  // A composite node over `kids`, with `aux` (starts, signs or flags) beside them.
  std::uint32_t add(Node node, const std::vector<std::uint32_t>& kids,
                    const std::vector<double>& aux) {
    node.first = static_cast<std::uint32_t>(children.size());
    node.count = static_cast<std::uint32_t>(kids.size());
    children.insert(children.end(), kids.begin(), kids.end());
    starts.insert(starts.end(), aux.begin(), aux.end());
    starts.resize(children.size(), 0.0);
    return add(node);
  }

  // The lowered form (lower.cpp), built once by `finalize` after the tree is complete: the
  // whole schedule as one sorted table of segments, each answered by a kernel with its
  // constants pre-multiplied. Sequences and repeats are laid flat; multistep milestones and
  // staircase stairs become constant runs, SGDR cycles cosine runs; arithmetic of phases is
  // split where its operands change, and each piece folded into one kernel where it can be
  // (lower_arithmetic.cpp); what cannot (scripted phases, functions of phases) is a kernel that
  // walks the tree over its own span only. Evaluation (segments.cpp) finds the segment with an
  // unrolled if-chain when there are at most eight, as a hand-written function compares, and
  // with a branch-free binary search otherwise.
  enum class Kind : std::uint8_t {
    constant,  // c0
    affine,    // c0 + c1·τ
    cosine,    // c0 + c1·cos(a·τ)
    kernel,    // kernel(tree, segment, step): every other formula (kernels.hpp)
  };
  struct Segment;
  // A segment's formula at `step`, for the steps of the segment only (the lowering has split off
  // holds, milestones and cycles, so no kernel tests them); each forms τ = step − start itself,
  // so a caller passes the step alone, in the register it came in. And the same formula over
  // out[i, end) at the steps first + j·stride, one loop without dispatch.
  using Kernel = double (*)(const Tree&, const Segment&, double step) noexcept;
  using FillKernel = void (*)(const Tree&, const Segment&, double first, double stride,
                              std::size_t i, std::size_t end, double* out) noexcept;
  // What evaluation reads of every segment comes first, in one cache line (64 bytes): a search
  // over a large table then costs one miss, not two.
  struct Segment {
    Kind kind = Kind::kernel;
    std::uint32_t node = 0;
    double c0 = 0, c1 = 0, a = 0;
    double start = 0;  // τ = step − start
    double from = 0;   // the first step of the segment
    Kernel kernel = nullptr;
    FillKernel fill = nullptr;
    // A second operand (products: k0 + k1·(step − inner)) or an SGDR cycle's constants.
    double k0 = 0, k1 = 0, inner = 0, b = 1;
    Params params{};  // a closed form's parameters, beside its constants
  };
  static_assert(offsetof(Segment, fill) + sizeof(FillKernel) <= 64);
  static constexpr std::uint32_t max_inline = 8;
  double segment_starts[max_inline] = {};  // [0] is 0 (+∞: search); sorted; unused: +∞
  Segment segments[max_inline];
  std::vector<double> table_starts;  // every segment's start, padded to 2^k with the last
  std::vector<Segment> table;        // every segment; more than max_inline: searched
  std::uint32_t search_steps = 0;    // log2 of the table's size before any further padding
  // The search's first guess (buckets.cpp): a step's bucket, bucket_of(step) in [0, count),
  // names the first segment it can be in, and its segment is at most 2^bucket_steps − 1 further;
  // other steps (before the first start, past the last finite one, NaN) search the whole table.
  static constexpr std::size_t max_buckets = std::size_t{1} << 16;
  std::vector<std::uint32_t> bucket_first;
  double bucket_origin = 0, bucket_scale = 0, bucket_count = 0;
  std::uint32_t bucket_steps = 0;
  double bucket_of(double step) const noexcept { return (step - bucket_origin) * bucket_scale; }
  void place_buckets(std::size_t n);

  void finalize();
  double value_segments(double step) const noexcept;
  double value_before_start(double step) const noexcept;
  double value_table(double step) const noexcept;
  template <std::uint32_t k>
  double value_from_segment(double step) const noexcept;
  // Writes the values at first, first + stride, ... (first ≥ 0, stride > 0) into out[0, n).
  void fill_segments(double first, double stride, double* out, std::size_t n) const noexcept;

  // The value of node `id` at local time `tau` ≥ 0 and global step `step`.
  double value(std::uint32_t id, double tau, double step) const noexcept;
};

}  // namespace tempo::detail
