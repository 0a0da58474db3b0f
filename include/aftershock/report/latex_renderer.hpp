#pragma once
// The LaTeX rendering of a study result (`--format latex`): the same sections as the table and
// markdown formats, each as a booktabs tabular (\toprule, \midrule, \bottomrule), ready for
// \input in a document whose preamble loads booktabs. Every text is escaped, so tickers,
// reasons and file names cannot inject LaTeX commands.

#include <aftershock/report/render.hpp>
#include <aftershock/report/text_table.hpp>
#include <aftershock/study/result.hpp>

#include <string>
#include <string_view>

namespace aftershock::report {

// The whole report as a LaTeX fragment (ends with a newline).
std::string render_latex(const study::StudyResult& result, const RunInputs& inputs);

// `table` as a booktabs tabular: l columns for Align::left, r otherwise; ends with a newline.
std::string render_latex(const TextTable& table);

// `text` with the LaTeX special characters escaped: \ { } $ & # ^ _ % ~ become \textbackslash{},
// \{, \}, \$, \&, \#, \textasciicircum{}, \_, \%, \textasciitilde{}; < > | become \textless{},
// \textgreater{}, \textbar{} (they print as other glyphs in the OT1 encoding); control
// characters become spaces.
std::string latex_escape(std::string_view text);

} // namespace aftershock::report
