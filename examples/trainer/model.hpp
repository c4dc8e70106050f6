// A two-layer MLP (2 → hidden, tanh → 3, softmax cross-entropy) trained full-batch with AdamW
// (Loshchilov & Hutter 2019: decoupled weight decay), written plainly. The optimizer's lr,
// weight decay and β1 come from the caller at every step: that is where schedules plug in.
#pragma once

#include <cmath>
#include <cstdio>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "dataset.hpp"

namespace trainer {

struct Hyper {
  double lr, weight_decay, beta1;
};

class Model {
 public:
  Model(int hidden, std::uint64_t seed) : hidden_(hidden) {
    Random random(seed);
    params_.resize(static_cast<std::size_t>(hidden * 2 + hidden + hidden * 3 + 3));
    for (auto& p : params_) p = 0.5 * random.normal();
    m_.assign(params_.size(), 0.0);
    v_.assign(params_.size(), 0.0);
  }

  // One AdamW step on the whole data set; returns the loss before the step.
  double step(const std::vector<Example>& data, const Hyper& h) {
    std::vector<double> grad(params_.size(), 0.0);
    double loss = 0;
    for (const auto& example : data) loss += backward(example, grad);
    const double n = static_cast<double>(data.size());
    ++t_;
    const double beta2 = 0.999, eps = 1e-8;
    bias1_ = bias1_ * h.beta1;  // β1 changes over time: keep the running product for the bias
    bias2_ = bias2_ * beta2;
    for (std::size_t i = 0; i < params_.size(); ++i) {
      const double g = grad[i] / n;
      m_[i] = h.beta1 * m_[i] + (1 - h.beta1) * g;
      v_[i] = beta2 * v_[i] + (1 - beta2) * g * g;
      const double update = (m_[i] / (1 - bias1_)) / (std::sqrt(v_[i] / (1 - bias2_)) + eps);
      params_[i] -= h.lr * (update + h.weight_decay * params_[i]);
    }
    return loss / n;
  }

  double loss(const std::vector<Example>& data) const {
    double total = 0;
    for (const auto& example : data) {
      std::vector<double> hidden, probabilities;
      forward(example, hidden, probabilities);
      total -= std::log(probabilities[static_cast<std::size_t>(example.label)]);
    }
    return total / static_cast<double>(data.size());
  }

  // The whole training state (parameters, AdamW moments, step, bias products) as text that reads
  // back bit for bit: doubles in hexadecimal floating point.
  void save(std::ostream& out) const {
    out << hidden_ << ' ' << t_ << ' ' << hex(bias1_) << ' ' << hex(bias2_) << '\n';
    for (const auto* list : {&params_, &m_, &v_}) {
      for (double x : *list) out << hex(x) << ' ';
      out << '\n';
    }
  }
  bool load(std::istream& in) {
    std::string word;
    auto next = [&](double& x) {
      return in >> word && (x = std::strtod(word.c_str(), nullptr), true);
    };
    int hidden = 0;
    if (!(in >> hidden >> t_) || hidden != hidden_ || !next(bias1_) || !next(bias2_)) return false;
    for (auto* list : {&params_, &m_, &v_}) {
      for (double& x : *list) {
        if (!next(x)) return false;
      }
    }
    return true;
  }

 private:
  static std::string hex(double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%a", x);
    return text;
  }

  // Layout: w1[hidden][2], b1[hidden], w2[3][hidden], b2[3].
  std::size_t w1(int j, int k) const { return static_cast<std::size_t>(j * 2 + k); }
  std::size_t b1(int j) const { return static_cast<std::size_t>(hidden_ * 2 + j); }
  std::size_t w2(int c, int j) const {
    return static_cast<std::size_t>(hidden_ * 3 + c * hidden_ + j);
  }
  std::size_t b2(int c) const { return static_cast<std::size_t>(hidden_ * 6 + c); }

  void forward(const Example& e, std::vector<double>& hidden, std::vector<double>& p) const {
    hidden.assign(static_cast<std::size_t>(hidden_), 0.0);
    for (int j = 0; j < hidden_; ++j) {
      hidden[static_cast<std::size_t>(j)] =
          std::tanh(params_[w1(j, 0)] * e.x[0] + params_[w1(j, 1)] * e.x[1] + params_[b1(j)]);
    }
    p.assign(3, 0.0);
    double largest = -1e300;
    for (int c = 0; c < 3; ++c) {
      double z = params_[b2(c)];
      for (int j = 0; j < hidden_; ++j)
        z += params_[w2(c, j)] * hidden[static_cast<std::size_t>(j)];
      p[static_cast<std::size_t>(c)] = z;
      largest = std::max(largest, z);
    }
    double sum = 0;
    for (auto& z : p) sum += (z = std::exp(z - largest));
    for (auto& z : p) z /= sum;
  }

  double backward(const Example& e, std::vector<double>& grad) const {
    std::vector<double> hidden, p;
    forward(e, hidden, p);
    const double loss = -std::log(p[static_cast<std::size_t>(e.label)]);
    std::vector<double> dhidden(static_cast<std::size_t>(hidden_), 0.0);
    for (int c = 0; c < 3; ++c) {
      const double dz = p[static_cast<std::size_t>(c)] - (c == e.label ? 1.0 : 0.0);
      grad[b2(c)] += dz;
      for (int j = 0; j < hidden_; ++j) {
        grad[w2(c, j)] += dz * hidden[static_cast<std::size_t>(j)];
        dhidden[static_cast<std::size_t>(j)] += dz * params_[w2(c, j)];
      }
    }
    for (int j = 0; j < hidden_; ++j) {
      const double h = hidden[static_cast<std::size_t>(j)];
      const double da = dhidden[static_cast<std::size_t>(j)] * (1 - h * h);
      grad[w1(j, 0)] += da * e.x[0];
      grad[w1(j, 1)] += da * e.x[1];
      grad[b1(j)] += da;
    }
    return loss;
  }

  int hidden_;
  std::vector<double> params_, m_, v_;
  long t_ = 0;
  double bias1_ = 1, bias2_ = 1;
};

}  // namespace trainer
