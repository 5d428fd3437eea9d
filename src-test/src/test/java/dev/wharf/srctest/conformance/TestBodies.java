package dev.wharf.srctest.conformance;

/** Request bodies for the probes. */
final class TestBodies {

    private TestBodies() {
    }

    /** Every byte value, shifted by 7 per 256-byte block so that no two blocks are alike. */
    static byte[] binary(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i + i / 256 * 7);
        }
        return b;
    }
}
