// TEMPORARY STUB during parallel development; replaced by the engine implementation.
#include <aftershock/study/run.hpp>
#include <aftershock/util/error.hpp>

namespace aftershock::study {

StudyResult run_study(const series::Panel&, const series::SharesTable*, const StudyConfig&) {
  throw Error("run_study is not implemented yet");
}

} // namespace aftershock::study
