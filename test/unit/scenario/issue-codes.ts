/**
 * The issue codes the scenario loader can emit, read from its source with the TypeScript parser, so the
 * list follows the code wherever files move under src/scenario/ (recursively). A code counts when a
 * kebab-case string literal is
 * - the value of a `code:` property or of a `const code =` (both branches of a `? :` count),
 * - or the argument, at the parameter named `code`, of a call to a function that has such a parameter
 *   (e.g. `fileIssue(abs, 'not-a-file', …)`, `unit(ctx, v, path, 'bad-rate', …)`).
 * A template literal `assert-${…}` means the loader reports assertion parse errors as `assert-<code>`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export interface EmittedCodes {
  /** code → the files (relative to the scanned folder) it appears in. */
  codes: Map<string, string[]>;
  /** Some file builds a code as `assert-${…}`. */
  assertFamily: boolean;
}

/** The .ts files under `dir`, in subfolders too (a plain walk: `recursive` readdir needs Node ≥ 20.12). */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? tsFiles(join(dir, e.name))
        : e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')
          ? [join(dir, e.name)]
          : [],
    )
    .sort();
}

/** The string literals an expression can evaluate to (through `? :`, `??`, `||`, parentheses, `as`). */
function literals(e: ts.Expression | undefined): string[] {
  if (!e) return [];
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isConditionalExpression(e)) return [...literals(e.whenTrue), ...literals(e.whenFalse)];
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e))
    return literals(e.expression);
  if (
    ts.isBinaryExpression(e) &&
    (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  ) {
    return [...literals(e.left), ...literals(e.right)];
  }
  return [];
}

const nameOf = (n: ts.Node | undefined): string | undefined =>
  n && (ts.isIdentifier(n) || ts.isStringLiteral(n)) ? n.text : undefined;

function calleeName(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** Every issue code under `dir`. */
export function emittedCodes(dir: string): EmittedCodes {
  const sources = tsFiles(dir).map((f) =>
    ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.ES2022, true),
  );

  // Pass 1: functions with a parameter named `code`, and its index.
  const codeParam = new Map<string, number>();
  const noteParams = (name: string | undefined, params: ts.NodeArray<ts.ParameterDeclaration>): void => {
    const i = params.findIndex((p) => nameOf(p.name) === 'code');
    if (name && i >= 0) codeParam.set(name, i);
  };
  const pass1 = (n: ts.Node): void => {
    if (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) noteParams(nameOf(n.name), n.parameters);
    if (
      ts.isVariableDeclaration(n) &&
      n.initializer &&
      (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))
    ) {
      noteParams(nameOf(n.name), n.initializer.parameters);
    }
    ts.forEachChild(n, pass1);
  };
  for (const s of sources) pass1(s);

  // Pass 2: the literals in code positions.
  const codes = new Map<string, string[]>();
  let assertFamily = false;
  for (const s of sources) {
    const file = relative(dir, s.fileName);
    const add = (values: string[]): void => {
      for (const v of values.filter((x) => KEBAB.test(x))) {
        const files = codes.get(v) ?? [];
        if (!files.includes(file)) files.push(file);
        codes.set(v, files);
      }
    };
    const pass2 = (n: ts.Node): void => {
      if (ts.isPropertyAssignment(n) && nameOf(n.name) === 'code') add(literals(n.initializer));
      if (ts.isVariableDeclaration(n) && nameOf(n.name) === 'code') add(literals(n.initializer));
      if (ts.isCallExpression(n)) {
        const name = calleeName(n.expression);
        const i = name === undefined ? undefined : codeParam.get(name);
        if (i !== undefined) add(literals(n.arguments[i]));
      }
      if (ts.isTemplateExpression(n) && n.head.text === 'assert-') assertFamily = true;
      ts.forEachChild(n, pass2);
    };
    pass2(s);
  }
  return { codes, assertFamily };
}
