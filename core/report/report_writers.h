#pragma once
// Every per-format writer of grading results, for code that uses several
// (the tests, the registry's WriteReport). One header a writer:
// report_text.h, report_markdown.h, report_json.h, report_junit.h,
// report_gradescope.h, report_prairielearn.h, report_github.h; the HTML page
// is report_html.h. The list of formats is report_format.h.

#include "core/report/report_github.h"
#include "core/report/report_gradescope.h"
#include "core/report/report_json.h"
#include "core/report/report_junit.h"
#include "core/report/report_markdown.h"
#include "core/report/report_prairielearn.h"
#include "core/report/report_text.h"
