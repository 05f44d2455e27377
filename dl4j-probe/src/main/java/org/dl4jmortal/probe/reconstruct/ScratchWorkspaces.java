package org.dl4jmortal.probe.reconstruct;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-thread ND4J workspaces for the temporaries of one chunk of rows (absorbing a query's taps into the fits, one
 * pass of a solver). Outside a workspace every new native array is a fresh allocation that the kernel maps page by
 * page and ND4J frees only after the garbage collector finds its Java wrapper: streaming 200,000 probes this way made
 * millions of page faults and let resident memory grow to several gigabytes. Inside a workspace the memory of the
 * first chunk is reused for every later one. Arrays that must outlive the scope are {@code detach()}ed. Two separate
 * workspaces, so that a solver pass never runs inside the absorbing scope's memory.
 */
final class ScratchWorkspaces {
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private ScratchWorkspaces() {
    }

    /** @return the activated workspace for absorbing one chunk of query results; close it to free its arrays */
    static MemoryWorkspace absorbing() {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, "DL4J_MORTAL_RECONSTRUCT_ABSORB");
    }

    /** @return the activated workspace for one solver pass over a chunk; close it to free its arrays */
    static MemoryWorkspace solving() {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, "DL4J_MORTAL_RECONSTRUCT_SOLVE");
    }
}
