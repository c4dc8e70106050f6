// Makers of the evaluation tree: one function per op, so that stdlib/ and the compiler say what
// a node computes (a cosine from c0 with amplitude c1 and frequency omega) instead of filling
// Node fields by convention. Each returns the new node's id. A closed form lasts `length` steps
// (forever: never ends) and holds `end` from there on.
#pragma once

#include <memory>
#include <span>

#include "tree.hpp"

namespace tempo::detail::make {

using Id = std::uint32_t;

// --- closed forms: c0 + c1·basis(τ), see ops.hpp -------------------------------------------
// Any closed form, its parameters given as the Params member named after `op`.
Id closed(Tree& tree, Op op, Params params, double c0, double c1, double length, double end);
Id constant(Tree& tree, double value, double length = forever);  // holds `value` after, too
Id linear(Tree& tree, double c0, double slope, double length, double end);
Id cosine(Tree& tree, double c0, double c1, double omega, double length, double end);
Id exp(Tree& tree, double c0, double c1, double rate, double length, double end);
Id sqrt(Tree& tree, double c0, double c1, double rate, double length, double end);
Id poly(Tree& tree, double c0, double c1, double rate, double power, double length, double end);
// scale·base^τ, scale·gamma^⌊τ/every⌋, scale·gamma^#{m ≤ τ}
Id power(Tree& tree, double scale, double base, double length, double end);
Id staircase(Tree& tree, double scale, double gamma, double every, double length, double end);
Id multistep(Tree& tree, double scale, double gamma, std::span<const double> milestones,
             double length, double end);
Id inv_sqrt(Tree& tree, double scale_value, double scale, double length, double end);
// plateau's decisions: the local steps σ_1 < … < σ_k and the values v_0 … v_k (ops.hpp).
Id plateau(Tree& tree, std::span<const double> steps, std::span<const double> values, double length,
           double end);
Id noam(Tree& tree, double scale, double rate, double length, double end);
Id cyclic(Tree& tree, double base, double amplitude, params::Cyclic p, double length, double end);
Id sgdr(Tree& tree, params::Sgdr p, double length, double end);

// --- composites over children --------------------------------------------------------------
// Phases laid end to end: phase i starts at starts[i] (sorted, starts[0] = 0).
Id sequence(Tree& tree, std::span<const Id> phases, std::span<const double> starts, double length,
            double end);
Id repeat(Tree& tree, Id once, double period, double length, double end);
// Σ signs[i]·terms[i]; ∏ terms[i], dividing where multiply[i] is 0.
Id sum(Tree& tree, std::span<const Id> terms, std::span<const double> signs);
Id product(Tree& tree, std::span<const Id> terms, std::span<const double> multiply);
Id pow(Tree& tree, Id base, Id exponent);
// min, max (any number of arguments), clamp (three) and the fn_* functions (one).
Id function(Tree& tree, Op op, std::span<const Id> args);
// Any composite op with its side table (the compiler's generic path).
Id composite(Tree& tree, Op op, std::span<const Id> kids, std::span<const double> aux);

// --- leaves --------------------------------------------------------------------------------
Id step(Tree& tree);
Id scripted(Tree& tree, std::shared_ptr<const ScriptedPhase> phase, double length, double level,
            std::span<const double> named);

// scale·x, but 0 for a zero scale even where x overflows (0·∞ would be NaN): the value of a
// closed form with a zero amplitude, as evaluation computes it.
inline double scaled(double scale, double x) noexcept {
  return scale == 0.0 ? 0.0 : scale * x;
}

// --- ends ----------------------------------------------------------------------------------
// Ends node `id` at `length` holding `end`.
void end_at(Tree& tree, Id id, double length, double end);
// Ends node `id` at `length`, holding its own value there (phases continuous at their end);
// `start` is the global step the phase starts at. Returns the value held.
double end_continuous(Tree& tree, Id id, double length, double start);

}  // namespace tempo::detail::make
