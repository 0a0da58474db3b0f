#pragma once
// The significance tests of the battery (issue 3), their stable names and order, the groups of
// `--tests LIST`, and the selection a study computes (StudyConfig::tests). The one place where the
// names live: the cli, the engine and the renderers all read them from here.

#include <aftershock/util/result.hpp>

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::study {

// The tests in the battery's stable key order (README "Tests"; JSON keys).
enum class TestId : std::uint8_t {
  t_csect,
  t_bw1980,
  t_cda,
  patell,
  patell_kp,
  bmp,
  bmp_kp,
  lamb,
  skew_adj_t,
  j1,
  j2,
  sign,
  gen_sign,
  cz_sign,
  rank,
  cz_rank,
  grank_t,
  grank_z,
  wilcoxon,
};

inline constexpr std::size_t k_test_count = 19;

// The names of the tests, indexed by TestId.
inline constexpr std::array<std::string_view, k_test_count> k_test_names{
    "t_csect", "t_bw1980",   "t_cda",   "patell",  "patell_kp", "bmp",      "bmp_kp",
    "lamb",    "skew_adj_t", "j1",      "j2",      "sign",      "gen_sign", "cz_sign",
    "rank",    "cz_rank",    "grank_t", "grank_z", "wilcoxon"};

// The group names accepted in `--tests LIST`: all (the 19), standard (t_csect, t_cda, patell,
// bmp, bmp_kp: the issue-2 set the Python baselines compute), parametric (t_csect .. j2, the
// first 11) and nonparametric (sign .. wilcoxon, the last 8).
inline constexpr std::array<std::string_view, 4> k_test_group_names{"all", "standard", "parametric",
                                                                    "nonparametric"};

// The name of `id` (k_test_names).
constexpr std::string_view test_name(TestId id) noexcept {
  return k_test_names[static_cast<std::size_t>(id)];
}

// The TestId named `name`; nullopt for any other text (group names included).
std::optional<TestId> find_test_id(std::string_view name) noexcept;

// A set of tests of the battery. Iteration (names(), ids()) is always in the battery order,
// whatever order the tests were added in.
class TestSelection {
public:
  // Every test (the default of a study).
  static TestSelection all() noexcept;
  // No test (only as a start for add()).
  static TestSelection none() noexcept { return {}; }
  // The members of the group `name` (k_test_group_names); nullopt for any other text.
  static std::optional<TestSelection> group(std::string_view name) noexcept;

  void add(TestId id) noexcept { m_bits.set(static_cast<std::size_t>(id)); }
  void add(const TestSelection& other) noexcept { m_bits |= other.m_bits; }
  // True when `id` is selected.
  [[nodiscard]] bool contains(TestId id) const noexcept {
    return m_bits.test(static_cast<std::size_t>(id));
  }
  // True when the test named `name` is selected (false for an unknown name).
  [[nodiscard]] bool contains(std::string_view name) const noexcept;
  // True when every test is selected.
  [[nodiscard]] bool is_all() const noexcept { return m_bits.all(); }
  [[nodiscard]] bool empty() const noexcept { return m_bits.none(); }
  [[nodiscard]] std::size_t size() const noexcept { return m_bits.count(); }
  // The selected tests / their names, in the battery order.
  [[nodiscard]] std::vector<TestId> ids() const;
  [[nodiscard]] std::vector<std::string_view> names() const;

  friend bool operator==(const TestSelection&, const TestSelection&) = default;

private:
  std::bitset<k_test_count> m_bits;
};

// Why a `--tests` list was refused: an empty list or item, or an item that names no test or group
// (`item` holds it).
struct TestListError {
  enum class Kind { empty, unknown };
  Kind kind = Kind::empty;
  std::string item;
};

// Parses a comma-separated list of test names and group names (spaces around items ignored;
// duplicates allowed). An empty list, an empty item or an unknown name is an error.
util::Result<TestSelection, TestListError> parse_test_list(std::string_view list);

// "all, standard, parametric, nonparametric or a test name (t_csect, ..., wilcoxon)": the valid
// values of a test list, for error messages and the help text.
std::string valid_test_list_values();

} // namespace aftershock::study
