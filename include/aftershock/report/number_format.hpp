#pragma once
// Number formatting shared by the renderers. Missing numbers (NaN, and infinities, which the
// engine never produces on purpose) render as "-" in text and as an empty field in CSV.

#include <string>

namespace aftershock::report {

// Dollars in the largest fitting unit with one decimal ($tn with two), e.g.
// -5.93e11 -> "-$593.0bn", 3.41e12 -> "$3.41tn", 1.2e7 -> "$12.0m", 950 -> "$950". NaN -> "-".
std::string format_money(double dollars);

// A fraction as a percentage with `decimals` digits, e.g. -0.16968 -> "-16.97%". NaN -> "-".
std::string format_percent(double fraction, int decimals = 2);

// Fixed notation with `decimals` digits, e.g. (1.23456, 2) -> "1.23". NaN -> "-".
std::string format_fixed(double value, int decimals);

// A p-value in three decimals without the leading zero, e.g. 0.0412 -> ".041", 0.0004 ->
// "<.001", 1 -> "1.000". NaN -> "-".
std::string format_p_value(double p);

// Full precision, shortest round-trip representation (fmt "{}"), e.g. 0.1 -> "0.1"; NaN and
// infinities -> "" (the CSV convention for missing).
std::string format_full(double value);

} // namespace aftershock::report
