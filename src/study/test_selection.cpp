// The test names, groups and `--tests LIST` parsing (include/aftershock/study/test_selection.hpp).
#include <aftershock/study/test_selection.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

namespace aftershock::study {

namespace {

TestSelection range(TestId first, TestId last) noexcept {
  TestSelection out;
  for (auto k = static_cast<std::size_t>(first); k <= static_cast<std::size_t>(last); ++k)
    out.add(static_cast<TestId>(k));
  return out;
}

} // namespace

std::optional<TestId> find_test_id(std::string_view name) noexcept {
  for (std::size_t k = 0; k < k_test_count; ++k)
    if (k_test_names[k] == name)
      return static_cast<TestId>(k);
  return std::nullopt;
}

TestSelection TestSelection::all() noexcept {
  return range(TestId::t_csect, TestId::wilcoxon);
}

std::optional<TestSelection> TestSelection::group(std::string_view name) noexcept {
  if (name == "all")
    return all();
  if (name == "standard") {
    TestSelection out;
    for (const auto id :
         {TestId::t_csect, TestId::t_cda, TestId::patell, TestId::bmp, TestId::bmp_kp})
      out.add(id);
    return out;
  }
  if (name == "parametric")
    return range(TestId::t_csect, TestId::j2);
  if (name == "nonparametric")
    return range(TestId::sign, TestId::wilcoxon);
  return std::nullopt;
}

bool TestSelection::contains(std::string_view name) const noexcept {
  const auto id = find_test_id(name);
  return id && contains(*id);
}

std::vector<TestId> TestSelection::ids() const {
  std::vector<TestId> out;
  for (std::size_t k = 0; k < k_test_count; ++k)
    if (m_bits.test(k))
      out.push_back(static_cast<TestId>(k));
  return out;
}

std::vector<std::string_view> TestSelection::names() const {
  std::vector<std::string_view> out;
  for (std::size_t k = 0; k < k_test_count; ++k)
    if (m_bits.test(k))
      out.push_back(k_test_names[k]);
  return out;
}

util::Result<TestSelection, TestListError> parse_test_list(std::string_view list) {
  TestSelection out;
  if (util::trim(list).empty())
    return util::unexpected(TestListError{TestListError::Kind::empty, std::string(list)});
  while (true) {
    const auto comma = list.find(',');
    const auto item = util::trim(list.substr(0, comma));
    if (item.empty())
      return util::unexpected(TestListError{TestListError::Kind::empty, std::string()});
    if (const auto id = find_test_id(item))
      out.add(*id);
    else if (const auto group = TestSelection::group(item))
      out.add(*group);
    else
      return util::unexpected(TestListError{TestListError::Kind::unknown, std::string(item)});
    if (comma == std::string_view::npos)
      break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

std::string valid_test_list_values() {
  return fmt::format("{} or a test name: {}", fmt::join(k_test_group_names, ", "),
                     fmt::join(k_test_names, ", "));
}

} // namespace aftershock::study
