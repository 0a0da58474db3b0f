#include <aftershock/series/price_array.hpp>

#include <iterator>
#include <utility>

namespace aftershock::series {

PriceArray::PriceArray(std::vector<double> values) noexcept : m_owned(std::move(values)) {
  point_at_owned();
}

PriceArray PriceArray::view(std::span<const double> values,
                            std::shared_ptr<const void> owner) noexcept {
  PriceArray out;
  out.m_owner = std::move(owner);
  out.m_data = values.data();
  out.m_size = values.size();
  return out;
}

PriceArray::PriceArray(const PriceArray& other)
    : m_owned(other.m_owned), m_owner(other.m_owner), m_data(other.m_data), m_size(other.m_size) {
  if (m_owner == nullptr)
    point_at_owned();
}

PriceArray& PriceArray::operator=(const PriceArray& other) {
  if (this != &other) {
    PriceArray copy(other);
    *this = std::move(copy);
  }
  return *this;
}

PriceArray::PriceArray(PriceArray&& other) noexcept
    : m_owned(std::move(other.m_owned)), m_owner(std::move(other.m_owner)), m_data(other.m_data),
      m_size(other.m_size) {
  if (m_owner == nullptr)
    point_at_owned();
  other.m_owned.clear();
  other.m_owner.reset();
  other.point_at_owned();
}

PriceArray& PriceArray::operator=(PriceArray&& other) noexcept {
  if (this != &other) {
    m_owned = std::move(other.m_owned);
    m_owner = std::move(other.m_owner);
    m_data = other.m_data;
    m_size = other.m_size;
    if (m_owner == nullptr)
      point_at_owned();
    other.m_owned.clear();
    other.m_owner.reset();
    other.point_at_owned();
  }
  return *this;
}

void PriceArray::point_at_owned() noexcept {
  m_data = m_owned.data();
  m_size = m_owned.size();
}

std::vector<double>& PriceArray::owned() {
  if (m_owner != nullptr) {
    m_owned.assign(m_data, m_data + m_size);
    m_owner.reset();
    point_at_owned();
  }
  return m_owned;
}

double* PriceArray::data() {
  return owned().data();
}

double& PriceArray::operator[](std::size_t i) {
  return owned()[i];
}

double* PriceArray::begin() {
  return owned().data();
}

double* PriceArray::end() {
  return owned().data() + m_size;
}

double& PriceArray::back() {
  return owned().back();
}

void PriceArray::resize(std::size_t n) {
  owned().resize(n);
  point_at_owned();
}

void PriceArray::assign(std::size_t n, double value) {
  m_owner.reset();
  m_owned.assign(n, value);
  point_at_owned();
}

void PriceArray::push_back(double value) {
  owned().push_back(value);
  point_at_owned();
}

double* PriceArray::erase(const double* position) {
  const auto offset = position - m_data;
  auto& values = owned();
  const auto next = values.erase(values.begin() + offset);
  point_at_owned();
  return values.data() + std::distance(values.begin(), next);
}

} // namespace aftershock::series
