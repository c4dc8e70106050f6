// muparser evaluating the design-card schedule as one `?:` expression (bytecode-compiled once).
#include <muParser.h>

#include "peers.hpp"

namespace bench {
namespace {

class MuParser final : public Peer {
 public:
  MuParser() {
    parser_.DefineVar("t", &t_);
    parser_.SetExpr(
        "t < 2000 ? t / 2000 : (t < 92000 ? 1 : (t < 100000 ? "
        "0.1 + 0.9 * (1 + cos(_pi * (t - 92000) / 8000)) / 2 : 0.1))");
    parser_.Eval();  // compiles to bytecode
  }
  double operator()(double step) override {
    t_ = step;
    return parser_.Eval();
  }

 private:
  mu::Parser parser_;
  double t_ = 0;
};

}  // namespace

std::unique_ptr<Peer> make_muparser() {
  return std::make_unique<MuParser>();
}

}  // namespace bench
