/**
 * Issue 8: no function in the engine is longer than about 150 lines (the 637-line `createCompanion`
 * it replaced held every concern at once). Every function, method and arrow in src/main/engine and
 * its folders is measured from its first to its last line, inner functions included; a longer one
 * is split into groups (as bridge-handlers.ts and clinic/handlers.ts are).
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const MAX_LINES = 150
const repo = resolve(import.meta.dirname, '../..')
const engine = resolve(repo, 'src/main/engine')

interface LongFunction {
  where: string
  name: string
  lines: number
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

function nameOf(node: ts.FunctionLikeDeclaration, file: ts.SourceFile): string {
  if (node.name) return node.name.getText(file)
  const parent = node.parent
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) return parent.name.getText(file)
  return ts.isConstructorDeclaration(node) ? 'constructor' : '(anonymous)'
}

/** The functions of one source text longer than `max` lines. */
function longFunctions(fileName: string, text: string, max = MAX_LINES): LongFunction[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true)
  const found: LongFunction[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const fn = node as ts.FunctionLikeDeclaration
      const first = file.getLineAndCharacterOfPosition(fn.getStart(file)).line
      const last = file.getLineAndCharacterOfPosition(fn.getEnd()).line
      const lines = last - first + 1
      if (lines > max) found.push({ where: `${fileName}:${first + 1}`, name: nameOf(fn, file), lines })
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

describe('engine functions stay short', () => {
  it(`no function in src/main/engine is longer than ${MAX_LINES} lines`, () => {
    const files = sourceFiles(engine)
    expect(files.length).toBeGreaterThan(20)
    const long = files.flatMap((path) => longFunctions(relative(repo, path), readFileSync(path, 'utf8')))
    expect(long).toEqual([])
  })

  it('finds a long function, arrow or method (the check can fail)', () => {
    const body = Array.from({ length: MAX_LINES }, (_, i) => `  const v${i} = ${i}`).join('\n')
    const text = [
      `export function declared() {\n${body}\n}`,
      `export const arrow = () => {\n${body}\n}`,
      `class Unit {\n  method() {\n${body}\n  }\n}`,
      `export function short() {\n  return 1\n}`
    ].join('\n')
    expect(longFunctions('planted.ts', text).map((f) => [f.name, f.lines])).toEqual([
      ['declared', MAX_LINES + 2],
      ['arrow', MAX_LINES + 2],
      ['method', MAX_LINES + 2]
    ])
  })
})
