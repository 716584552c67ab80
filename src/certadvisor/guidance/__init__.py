"""Guidance: comparison, recommendation, study plan, checklist and the advising report.

Each command's engine is a public module of its own, imported by the command that uses it
(importing them all here would load the cost and eligibility engines into `plan`):

- `compare`: `compare_tracks`, `select_track_ids`, `sort_rows`, `SORTS`; results
  `Comparison`, `ComparisonRow`;
- `recommend`: `rank_tracks`, `Request`, `parse_goal`, `parse_setting`, `held_ids`; results
  `Recommendation`, `Ranked`, `Factor` (the scoring factors are in `factors`), `with_paths`;
  `pay_factor`: `pay_factors` (only when pay is weighed);
- `path`: `person_paths`, `track_path`, `route_paths`, `window_steps` (results in models/path);
- `plan`: `build_plan`, `check_plan_inputs`, `PlanInputError`, `default_total_hours`,
  `share_what_fits` (the application milestones are in `milestones`, the bodies' windows as
  dated steps and `windows_of` in `windows`, the person's `standing_for`/`standing_of` and
  the day study starts in `standing`);
- `checklist`: `build_checklist`, `STEP_COUNT`;
- `report`: `build_report`, `PlanOptions`, `file_names`; result `AdvisingReport`.
"""
