// The builders of make.hpp: each fills exactly the fields its op reads.
#include "make.hpp"

#include <vector>

namespace tempo::detail::make {
namespace {

Id add_composite(Tree& tree, Node node, std::span<const Id> kids, std::span<const double> aux) {
  return tree.add(node, std::vector<std::uint32_t>(kids.begin(), kids.end()),
                  std::vector<double>(aux.begin(), aux.end()));
}

Id add_composite(Tree& tree, Op op, std::span<const Id> kids, std::span<const double> aux) {
  Node node;
  node.op = op;
  return add_composite(tree, node, kids, aux);
}

}  // namespace

Id closed(Tree& tree, Op op, Params params, double c0, double c1, double length, double end) {
  Node node;
  node.op = op;
  node.params = params;
  node.c0 = c0;
  node.c1 = c1;
  node.length = length;
  node.end = end;
  return tree.add(node);
}

Id constant(Tree& tree, double value, double length) {
  return closed(tree, Op::constant, {}, value, 1.0, length, value);
}
Id linear(Tree& tree, double c0, double slope, double length, double end) {
  return closed(tree, Op::linear, {}, c0, slope, length, end);
}
Id cosine(Tree& tree, double c0, double c1, double omega, double length, double end) {
  return closed(tree, Op::cosine, {.cosine = {omega}}, c0, c1, length, end);
}
Id exp(Tree& tree, double c0, double c1, double rate, double length, double end) {
  return closed(tree, Op::exp, {.exp = {rate}}, c0, c1, length, end);
}
Id sqrt(Tree& tree, double c0, double c1, double rate, double length, double end) {
  return closed(tree, Op::sqrt, {.sqrt = {rate}}, c0, c1, length, end);
}
Id poly(Tree& tree, double c0, double c1, double rate, double power, double length, double end) {
  return closed(tree, Op::poly, {.poly = {rate, power}}, c0, c1, length, end);
}
Id power(Tree& tree, double scale, double base, double length, double end) {
  return closed(tree, Op::power, {.power = {base}}, 0.0, scale, length, end);
}
Id staircase(Tree& tree, double scale, double gamma, double every, double length, double end) {
  return closed(tree, Op::staircase, {.staircase = {gamma, every}}, 0.0, scale, length, end);
}
Id multistep(Tree& tree, double scale, double gamma, std::span<const double> milestones,
             double length, double end) {
  const auto first = static_cast<std::uint32_t>(tree.values.size());
  tree.values.insert(tree.values.end(), milestones.begin(), milestones.end());
  const Id id = closed(tree, Op::multistep, {.multistep = {gamma}}, 0.0, scale, length, end);
  tree.nodes[id].first = first;
  tree.nodes[id].count = static_cast<std::uint32_t>(milestones.size());
  return id;
}
Id inv_sqrt(Tree& tree, double scale_value, double scale, double length, double end) {
  return closed(tree, Op::inv_sqrt, {.inv_sqrt = {scale}}, 0.0, scale_value, length, end);
}
Id plateau(Tree& tree, std::span<const double> steps, std::span<const double> values, double length,
           double end) {
  const auto first = static_cast<std::uint32_t>(tree.values.size());
  tree.values.insert(tree.values.end(), steps.begin(), steps.end());
  tree.values.insert(tree.values.end(), values.begin(), values.end());
  const Id id = closed(tree, Op::plateau, {.plateau = {}}, 0.0, 1.0, length, end);
  tree.nodes[id].first = first;
  tree.nodes[id].count = static_cast<std::uint32_t>(steps.size() + values.size());
  return id;
}
Id noam(Tree& tree, double scale, double rate, double length, double end) {
  return closed(tree, Op::noam, {.noam = {rate}}, 0.0, scale, length, end);
}
Id cyclic(Tree& tree, double base, double amplitude, params::Cyclic p, double length, double end) {
  return closed(tree, Op::cyclic, {.cyclic = p}, base, amplitude, length, end);
}
Id sgdr(Tree& tree, params::Sgdr p, double length, double end) {
  return closed(tree, Op::sgdr, {.sgdr = p}, 0.0, 1.0, length, end);
}

Id sequence(Tree& tree, std::span<const Id> phases, std::span<const double> starts, double length,
            double end) {
  Node node;
  node.op = Op::sequence;
  node.length = length;
  node.end = end;
  return add_composite(tree, node, phases, starts);
}
Id repeat(Tree& tree, Id once, double period, double length, double end) {
  Node node;
  node.op = Op::repeat;
  node.params.repeat = {period};
  node.length = length;
  node.end = end;
  const Id kids[] = {once};
  const double aux[] = {0.0};
  return add_composite(tree, node, kids, aux);
}
Id sum(Tree& tree, std::span<const Id> terms, std::span<const double> signs) {
  return add_composite(tree, Op::sum, terms, signs);
}
Id product(Tree& tree, std::span<const Id> terms, std::span<const double> multiply) {
  return add_composite(tree, Op::product, terms, multiply);
}
Id pow(Tree& tree, Id base, Id exponent) {
  const Id kids[] = {base, exponent};
  return add_composite(tree, Op::pow, kids, {});
}
Id function(Tree& tree, Op op, std::span<const Id> args) {
  return add_composite(tree, op, args, {});
}
Id composite(Tree& tree, Op op, std::span<const Id> kids, std::span<const double> aux) {
  return add_composite(tree, op, kids, aux);
}

Id step(Tree& tree) {
  Node node;
  node.op = Op::step;
  return tree.add(node);
}
Id scripted(Tree& tree, std::shared_ptr<const ScriptedPhase> phase, double length, double level,
            std::span<const double> named) {
  Node node;
  node.op = Op::scripted;
  node.params.scripted = {static_cast<std::uint32_t>(tree.scripted.size()), length, level};
  node.c0 = 0;
  node.c1 = 1;
  node.first = static_cast<std::uint32_t>(tree.values.size());
  node.count = static_cast<std::uint32_t>(named.size());
  tree.values.insert(tree.values.end(), named.begin(), named.end());
  tree.scripted.push_back(std::move(phase));
  return tree.add(node);
}

void end_at(Tree& tree, Id id, double length, double end) {
  tree.nodes[id].length = length;
  tree.nodes[id].end = end;
}

double end_continuous(Tree& tree, Id id, double length, double start) {
  double held = 0.0;
  if (length != forever) {
    tree.nodes[id].length = forever;  // so that τ = length is evaluated, not held
    held = tree.value(id, length, start + length);
  }
  end_at(tree, id, length, held);
  return held;
}

}  // namespace tempo::detail::make
