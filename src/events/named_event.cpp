#include <aftershock/events/named_event.hpp>
#include <aftershock/util/parse.hpp>

#include <array>
#include <string_view>
#include <vector>

namespace aftershock::events {
namespace {

using calendar::Date;
using std::chrono::January;

// The US tech and AI-power firms of both DeepSeek events (data/shares_outstanding.csv).
const std::vector<std::string_view> k_deepseek_firms{
    "NVDA", "AVGO", "TSM",  "MSFT", "GOOGL", "META", "AMZN", "AAPL", "ORCL", "AMD", "MU",
    "ASML", "ARM",  "MRVL", "SMCI", "INTC",  "QCOM", "TSLA", "CEG",  "VST",  "DELL"};

const std::array<NamedEvent, 2> k_events{{
    {"deepseek", Date{std::chrono::year{2025} / January / 27}, "SPY", k_deepseek_firms,
     "deepseek_groups.csv", "DeepSeek sell-off, Monday 2025-01-27",
     "US tech and AI-power stocks fell after DeepSeek's R1 model and its app's weekend surge; "
     "NVIDIA lost about 17% (~$590bn) in one day."},
    {"deepseek-r1", Date{std::chrono::year{2025} / January / 20}, "SPY", k_deepseek_firms,
     "deepseek_groups.csv", "DeepSeek-R1 release, Monday 2025-01-20 (US market holiday)",
     "The model release itself; a market holiday, so day 0 is 2025-01-21 under the default "
     "'next' policy. Compare with 'deepseek' to see that the market reacted a week later."},
}};

} // namespace

std::span<const NamedEvent> named_events() {
  return k_events;
}

const NamedEvent* find_named_event(std::string_view name) {
  const auto wanted = util::to_lower(name);
  for (const auto& event : k_events)
    if (event.name == wanted)
      return &event;
  return nullptr;
}

} // namespace aftershock::events
