package dev.wharf.srctest.conformance;

import java.util.ArrayList;
import java.util.List;

/** One foreign component's line in the test output: toolchain, the stages it passed, what it did, the outcome. */
final class ForeignReport {

    private final String file;
    private final List<String> stages = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String outcome = "not run";

    ForeignReport(String file) {
        this.file = file;
    }

    void stage(String stage) {
        stages.add(stage);
    }

    void note(String what, String value) {
        notes.add(what + ": " + value);
    }

    void outcome(String outcome) {
        this.outcome = outcome;
    }

    void print() {
        System.out.println("[foreign] " + file + " | " + String.join(" > ", stages) + " | " + String.join(" | ", notes)
                + " | " + outcome);
    }
}
