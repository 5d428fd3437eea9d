package dev.wharf.engine.internal.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;

/**
 * Makes interpreted loops interruptible. Chicory's interpreter polls the interrupt flag on calls
 * and on {@code br}, but not on conditional branches, so a {@code br_if}/{@code br_table} loop in a
 * function that fell back to the interpreter would ignore {@code interrupt()} and any deadline.
 * This listener adds the missing poll. It is installed only on modules that have interpreted
 * functions; compiled code never calls it, and it costs one comparison per interpreted
 * instruction, small next to the interpreter's own overhead.
 *
 * <p>Uses Chicory's experimental {@link ExecutionListener}; if Chicory drops it, remove this class
 * and the limitation returns (see docs/engine-core.md).
 */
final class InterpretedLoopInterrupts implements ExecutionListener {

    static final InterpretedLoopInterrupts INSTANCE = new InterpretedLoopInterrupts();

    private InterpretedLoopInterrupts() {}

    @Override
    public void onExecution(Instruction instruction, MStack stack) {
        var opcode = instruction.opcode();
        if ((opcode == OpCode.BR_IF || opcode == OpCode.BR_TABLE)
                && Thread.currentThread().isInterrupted()) {
            throw new ChicoryInterruptedException("Thread interrupted");
        }
    }
}
