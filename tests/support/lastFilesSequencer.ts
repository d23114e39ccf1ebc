// Vitest's own order (slowest and failed files first), except that a file named `*.last.test.ts`
// runs after every other file of its project: the API suite's coverage check reads what all the
// other files did (tests/api/coverage.last.test.ts).

import { BaseSequencer, type TestSpecification } from "vitest/node";

export default class LastFilesSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const last = (file: TestSpecification) => file.moduleId.endsWith(".last.test.ts");
    return [...sorted.filter((file) => !last(file)), ...sorted.filter(last)];
  }
}
