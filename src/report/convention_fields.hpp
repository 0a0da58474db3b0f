#pragma once
// The JSON keys of study::Conventions and their members, in the order of the JSON
// `conventions` object: the one list the direct JSON writer (json_sections.cpp) and the
// saved-result reader (result_reader.cpp) use. json_renderer.cpp's tree keeps its own literal
// list on purpose: it is the independent reference the writer's tests compare against.

#include <aftershock/study/result.hpp>

#include <array>
#include <string>
#include <string_view>
#include <utility>

namespace aftershock::report {

inline constexpr std::array<std::pair<std::string_view, std::string study::Conventions::*>, 22>
    k_convention_fields{{
        {"convention", &study::Conventions::convention},
        {"return_type", &study::Conventions::return_type},
        {"gap_policy", &study::Conventions::gap_policy},
        {"price_basis", &study::Conventions::price_basis},
        {"variance_divisor", &study::Conventions::variance_divisor},
        {"prediction_error", &study::Conventions::prediction_error},
        {"market_mean_basis", &study::Conventions::market_mean_basis},
        {"car_variance", &study::Conventions::car_variance},
        {"p_values", &study::Conventions::p_values},
        {"non_trading_policy", &study::Conventions::non_trading_policy},
        {"dollar_measure", &study::Conventions::dollar_measure},
        {"market_cap", &study::Conventions::market_cap},
        {"sign_counting", &study::Conventions::sign_counting},
        {"gen_sign_p_hat", &study::Conventions::gen_sign_p_hat},
        {"rank_method", &study::Conventions::rank_method},
        {"grank_indexing", &study::Conventions::grank_indexing},
        {"skewness_gamma", &study::Conventions::skewness_gamma},
        {"wilcoxon_method", &study::Conventions::wilcoxon_method},
        {"bw1980_df", &study::Conventions::bw1980_df},
        {"window_tests", &study::Conventions::window_tests},
        {"bootstrap", &study::Conventions::bootstrap},
        {"p_adjust", &study::Conventions::p_adjust},
    }};

} // namespace aftershock::report
