// The grammar of Tempo as PEGTL rules, in the order of LANGUAGE.md §2 (lexical), §6 (expressions,
// lowest precedence last) and §7 (files). Rules only: what a match builds lives in parser.cpp
// (actions), and what a failure says lives there too (the error control). Every commit point is a
// `must<>` here: past it, a failure is a syntax error with the message parser.cpp gives its rule.
#pragma once

#include <tao/pegtl.hpp>

namespace tempo::grammar {

namespace pegtl = tao::pegtl;
using namespace pegtl;

// §2 Lexical rules ---------------------------------------------------------------------------

struct comment : seq<one<'#'>, until<at<eolf>>> {};
// `sp` is blank space inside a line; `ws` may also cross line ends (after an operator, inside
// brackets), so a long expression can be continued on the next line.
struct sp : star<sor<one<' ', '\t'>, comment>> {};
struct ws : star<sor<space, comment>> {};

struct ident_first : ranges<'a', 'z', 'A', 'Z', '_'> {};
struct ident_other : ranges<'a', 'z', 'A', 'Z', '0', '9', '_'> {};
struct identifier : seq<ident_first, star<ident_other>> {};

struct digits : seq<digit, star<opt<one<'_'>>, digit>> {};
struct mantissa : sor<seq<digits, opt<one<'.'>, opt<digits>>>, seq<one<'.'>, digits>> {};
struct exponent : seq<one<'e', 'E'>, opt<one<'+', '-'>>, digits> {};
struct magnitude : one<'k', 'M', 'B', 'T'> {};
struct percent : one<'%'> {};
// A number must not run into letters: `2x` is an error, not `2` then `x`.
struct number_end : not_at<ident_other> {};
// The literal's own characters; tempo::read_number (lang/number.cpp) reads the same rule.
struct number_text : seq<mantissa, opt<exponent>, opt<sor<magnitude, percent>>> {};
struct number : seq<number_text, must<number_end>> {};
struct unit : seq<sor<TAO_PEGTL_STRING("steps"), TAO_PEGTL_STRING("ep"), TAO_PEGTL_STRING("tok")>,
                  not_at<ident_other>> {};
struct number_literal : seq<number, opt<sp, unit>> {};

struct boolean
    : seq<sor<TAO_PEGTL_STRING("true"), TAO_PEGTL_STRING("false")>, not_at<ident_other>> {};

// §6 Expressions -----------------------------------------------------------------------------

struct expression;
struct unary;

// Calls: warmup(2000, from=0.1). Named arguments come after positional ones (checked later).
struct call_name : identifier {};
struct argument_name : identifier {};
struct named_argument : seq<at<identifier, sp, one<'='>, not_at<one<'='>>>, argument_name, sp,
                            one<'='>, ws, must<expression>> {};
struct positional_argument : seq<expression> {};
struct argument : sor<named_argument, positional_argument> {};
struct call_open : one<'('> {};
struct call_close : one<')'> {};
struct call_arguments
    : seq<ws, opt<argument, star<ws, one<','>, ws, must<argument>>>, ws, must<call_close>> {};
struct call : seq<at<identifier, sp, one<'('>>, call_name, sp, call_open, call_arguments> {};

// Lists: [30, 60, 90], also lists of lists for interp.
struct list_open : one<'['> {};
struct list_item : seq<expression> {};
struct list_close : one<']'> {};
struct list_items
    : seq<ws, opt<list_item, star<ws, one<','>, ws, must<list_item>>>, ws, must<list_close>> {};
struct list : seq<list_open, list_items> {};

struct paren_open : one<'('> {};
struct paren_close : one<')'> {};
struct parenthesized_body : seq<ws, must<expression>, ws, must<paren_close>> {};
struct parenthesized : seq<paren_open, parenthesized_body> {};

struct name_reference : identifier {};
struct primary : sor<number_literal, boolean, call, name_reference, parenthesized, list> {};

// The *_body and *_operand rules come after an opening token: each counts one level of
// nesting (limits::max_nesting).

// Precedence, lowest first: >>, + -, * /, unary -, ^ (right-associative), call.
struct exponent_operand : seq<unary> {};  // right-associative: 2^3^2 is 2^(3^2)
struct power_tail : seq<sp, one<'^'>, ws, must<exponent_operand>> {};
struct power : seq<primary, opt<power_tail>> {};
struct negated_operand : seq<unary> {};
struct negation : seq<one<'-'>, sp, must<negated_operand>> {};
struct unary : sor<negation, power> {};

struct product_operator : one<'*', '/'> {};
struct product_tail : seq<sp, product_operator, ws, must<unary>> {};
struct product : seq<unary, star<product_tail>> {};

struct sum_operator : one<'+', '-'> {};
struct sum_tail : seq<sp, sum_operator, ws, must<product>> {};
struct sum : seq<product, star<sum_tail>> {};

struct sequence_tail : seq<sp, TAO_PEGTL_STRING(">>"), ws, must<sum>> {};
struct expression : seq<sum, star<sequence_tail>> {};

// §7 Files -----------------------------------------------------------------------------------

struct binding_name : identifier {};
struct binding : seq<at<identifier, sp, one<'='>, not_at<one<'='>>>, binding_name, sp, one<'='>, ws,
                     must<expression>> {};
struct bare_expression : expression {};
// import "shapes.lua": phases defined in another language (bindings/lua).
struct import_keyword : seq<TAO_PEGTL_STRING("import"), not_at<ident_other>> {};
struct import_path : seq<one<'"'>, star<not_one<'"', '\n', '\r'>>, one<'"'>> {};
struct import_statement : seq<import_keyword, sp, must<import_path>> {};
struct statement : sor<import_statement, binding, bare_expression> {};
// After a statement: `;`, a line end or the end of the source, nothing else.
struct statement_end : sor<one<';'>, eolf> {};
struct gap : star<sor<space, one<';'>, comment>> {};
struct file_end : eof {};
struct file : seq<gap, star<statement, sp, must<statement_end>, gap>, must<file_end>> {};

}  // namespace tempo::grammar
