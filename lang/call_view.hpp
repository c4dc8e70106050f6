// CallView: the stdlib's view of one resolved call (stdlib::Call). At resolve time it answers a
// row's own_length hook; at lower time it also knows the call's place in time and lets the row
// build its runtime node and compile its schedule arguments.
#pragma once

#include "ir.hpp"

namespace tempo {

class Lowerer;

class CallView final : public stdlib::Call {
 public:
  struct Layout {
    double length = detail::forever;
    double level = 1;
    double start = 0;
  };
  CallView(const ir::Node& call, Layout layout, std::vector<Diagnostic>& diagnostics,
           Lowerer* lowerer = nullptr)
      : call_(call), layout_(layout), diagnostics_(diagnostics), lowerer_(lowerer) {}

  double length() const override { return layout_.length; }
  double level() const override { return layout_.level; }
  double start() const override { return layout_.start; }
  bool given(std::size_t i) const override { return call_.args[i].given; }
  double number(std::size_t i) const override {
    const stdlib::Param& p = call_.row->params[i];
    if (call_.args[i].given) return call_.args[i].number;
    if (p.kind == stdlib::Kind::level) return layout_.level;
    return p.fallback.value_or(0.0);
  }
  std::string_view choice(std::size_t i) const override {
    return call_.args[i].given ? call_.args[i].choice : call_.row->params[i].choices[0];
  }
  const std::vector<double>& list(std::size_t i) const override { return call_.args[i].list; }
  const std::vector<std::array<double, 2>>& points() const override { return call_.points; }
  double length_of(std::size_t i) override {
    const ir::Extent extent = call_.args[i].value->extent;
    return extent.kind == ir::Extent::fixed ? extent.steps : 1.0;  // resolve checked it
  }
  std::optional<double> fixed_length(std::size_t i) override {
    const ir::Extent extent = call_.args[i].value->extent;
    if (extent.kind == ir::Extent::fixed) return extent.steps;
    return std::nullopt;
  }
  const stdlib::Primitive& primitive() const override { return *call_.row; }
  void error(std::size_t i, std::string message, std::string hint) override {
    const SourceSpan span = call_.args[i].given ? call_.args[i].span : call_.span();
    diagnostics_.push_back({span, std::move(message), std::move(hint)});
  }
  void call_error(std::string message, std::string hint) override {
    const ast::Node& n = call_.ast();
    diagnostics_.push_back(
        {call_.module->span(n.begin, n.name_end), std::move(message), std::move(hint)});
  }
  detail::Tree& tree() override;
  stdlib::Built compile(std::size_t i, double length, double level) override;
  std::span<const Observations::Point> observations(std::string_view metric) override;

 private:
  const ir::Node& call_;
  Layout layout_;
  std::vector<Diagnostic>& diagnostics_;
  Lowerer* lowerer_;
};

}  // namespace tempo
