#pragma once
// The CAR path of each firm and the CAAR path with its 95% band over the event window, for
// charts and sparklines (issue 5). Cumulative from the event window's first day.

#include <aftershock/study/result.hpp>

#include <span>

namespace aftershock::study {

// Fills `firm.car_path` of every firm that has day rows and `event.aggregate.caar_path`.
// CAR_i(t) = sum of AR_i over the event days first..t that have an AR (NaN while none has);
// the CAAR path averages the CAR_i(t) of the `ok` firms with a value on day t, and its band is
// the cross-sectional Student-t interval CAAR(t) -/+ t_0.975(N_t - 1) s_t / sqrt(N_t) (NaN for
// N_t < 2 or s_t = 0). Call after the firms and the aggregate days are complete.
void add_caar_paths(EventResult& event);

// Fills `aggregate.caar_path` only, from `firms` in output order (the CAAR path of
// add_caar_paths, same numbers), without storing a CAR path on any firm: a streamed batch whose
// firms were already written (issue 6: no 100,000-firm move and path per firm at the end).
void add_caar_path(Aggregate& aggregate, std::span<const FirmResult* const> firms);

} // namespace aftershock::study
