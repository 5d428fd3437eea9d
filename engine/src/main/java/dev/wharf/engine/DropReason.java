package dev.wharf.engine;

/**
 * Why a host resource's destructor runs ({@link ResourceDestructor}). The two cases need different
 * rules: a guest drop is an operation of the guest and may break the resource's rules (dropping a
 * body before its stream), which the host reports with a trap; a teardown cleans up what a
 * finished instance left behind, in no particular order across tables, and must not trap.
 */
public enum DropReason {
    /** The guest dropped its last owning handle ({@code resource.drop}): the resource's rules apply, a trap is allowed. */
    GUEST_DROP,
    /**
     * The instance is closing, or being reset for reuse (an instance pool), with the object still in
     * its table. Objects of several tables are destroyed in no particular order; the destructor must
     * release what it holds and not trap (a thrown exception is reported after every object is
     * destroyed).
     */
    TEARDOWN
}
