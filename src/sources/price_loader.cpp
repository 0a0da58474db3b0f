// TEMPORARY STUB during parallel development; replaced by the CSV loader implementation.
#include <aftershock/sources/price_loader.hpp>
#include <aftershock/util/error.hpp>

namespace aftershock::sources {

LoadedPrices load_prices(const std::vector<std::filesystem::path>&, const LoadOptions&) {
  throw Error("load_prices is not implemented yet");
}

series::SharesTable load_shares(const std::filesystem::path&) {
  throw Error("load_shares is not implemented yet");
}

} // namespace aftershock::sources
