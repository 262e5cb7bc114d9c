/** What the scenario loader reports; shared by scenario/, session/ and every reporter. */

/** One validation problem, printable as `file:line:col  path  message — hint`. */
export interface LoadIssue {
  file: string;
  line: number;
  col: number;
  /** YAML path, e.g. faults[0].kill */
  path: string;
  message: string;
  hint?: string;
  code: string;
}
