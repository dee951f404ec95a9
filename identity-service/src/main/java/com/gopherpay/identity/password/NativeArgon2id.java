package com.gopherpay.identity.password;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import de.mkammerer.argon2.jna.Argon2Library;
import de.mkammerer.argon2.jna.Argon2_context;
import de.mkammerer.argon2.jna.Argon2_type;
import de.mkammerer.argon2.jna.Argon2_version;
import de.mkammerer.argon2.jna.JnaUint32;
import de.mkammerer.argon2.jna.Size_t;

/**
 * The reference C implementation (libargon2, bundled by argon2-jvm and loaded through JNA), one instance per hashing
 * slot.
 *
 * <p>Each slot owns its Argon2 work area off the Java heap, allocated once for the configured memory cost and handed to
 * libargon2 through the context's allocation callbacks. Left to itself, libargon2 asks {@code malloc} for the 19 MiB on
 * every hash: glibc then either maps and unmaps it each time, so every hash pays about 5,000 zero-filled page faults
 * (a third more CPU per hash, all of it system time), or keeps it in per-thread arenas, so every request thread that
 * ever hashed holds its own 19 MiB. With one resident area per slot the slots bound the memory exactly (slots ×
 * memory cost) and no hash faults a page. libargon2 wipes the area when a hash ends (its {@code
 * clear_internal_memory}), and the context asks it to wipe the password copy too.
 *
 * <p>A hash with a larger memory cost than the slot's (verifying a password stored under older parameters) gets an
 * area of its own for that hash, released when it ends. With more than one lane libargon2 computes the lanes on
 * threads of its own, whose CPU time the hashing thread's CPU clock does not see.
 */
final class NativeArgon2id implements Argon2idSlot {

    private static final int ARGON2_OK = 0;
    private static final int ARGON2_MEMORY_ALLOCATION_ERROR = -22;
    private static final int ARGON2ID = 2;
    private static final int VERSION_13 = 0x13;
    private static final int FLAG_CLEAR_PASSWORD = 1;

    /** libargon2's {@code allocate_fptr}: {@code int (*)(uint8_t **memory, size_t bytes)}. */
    interface Allocate extends Callback {
        int invoke(Pointer memory, Size_t bytes);
    }

    /** libargon2's {@code deallocate_fptr}: {@code void (*)(uint8_t *memory, size_t bytes)}. */
    interface Release extends Callback {
        void invoke(Pointer memory, Size_t bytes);
    }

    private final Argon2Library library;
    private final Memory workArea;
    /** A larger area for one hash whose memory cost exceeds the slot's; null otherwise. */
    private Memory oversized;
    // The callbacks are fields so that they stay reachable as long as libargon2 may call them.
    private final Allocate allocate = this::allocate;
    private final Release release = this::release;
    private final Pointer allocatePointer = CallbackReference.getFunctionPointer(allocate);
    private final Pointer releasePointer = CallbackReference.getFunctionPointer(release);

    private NativeArgon2id(Argon2Library library, int memoryKib) {
        this.library = library;
        this.workArea = new Memory(memoryKib * 1024L);
    }

    /**
     * Loads libargon2 and checks it by one small hash.
     *
     * @throws LinkageError or a {@link RuntimeException} when the library cannot be loaded or called here
     */
    static void check() {
        new NativeArgon2id(Argon2Library.INSTANCE, 64).derive(new byte[] {1}, new byte[16], 64, 1, 1, 16);
    }

    /** A hashing slot whose work area fits the memory cost {@code memoryKib}. */
    static NativeArgon2id slot(int memoryKib) {
        return new NativeArgon2id(Argon2Library.INSTANCE, memoryKib);
    }

    @Override
    public byte[] derive(byte[] password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
        Memory passwordCopy = new Memory(Math.max(1, password.length));
        Memory saltCopy = new Memory(salt.length);
        Memory out = new Memory(length);
        try {
            passwordCopy.write(0, password, 0, password.length);
            saltCopy.write(0, salt, 0, salt.length);
            Argon2_context.ByReference context = new Argon2_context.ByReference();
            context.out = out;
            context.outlen = new JnaUint32(length);
            context.pwd = passwordCopy;
            context.pwdlen = new JnaUint32(password.length);
            context.salt = saltCopy;
            context.saltlen = new JnaUint32(salt.length);
            context.secretlen = new JnaUint32(0);
            context.adlen = new JnaUint32(0);
            context.t_cost = new JnaUint32(iterations);
            context.m_cost = new JnaUint32(memoryKib);
            context.lanes = new JnaUint32(lanes);
            context.threads = new JnaUint32(lanes);
            context.version = new Argon2_version(VERSION_13);
            context.allocate_cbk = allocatePointer;
            context.free_cbk = releasePointer;
            context.flags = new JnaUint32(FLAG_CLEAR_PASSWORD);
            int result = library.argon2_ctx(context, new Argon2_type(ARGON2ID));
            if (result != ARGON2_OK) {
                throw new IllegalStateException("libargon2 failed: " + library.argon2_error_message(result));
            }
            return out.getByteArray(0, length);
        } finally {
            passwordCopy.clear();
            out.clear();
            passwordCopy.close();
            saltCopy.close();
            out.close();
        }
    }

    private int allocate(Pointer memory, Size_t bytes) {
        long wanted = bytes.longValue();
        if (wanted <= workArea.size()) {
            memory.setPointer(0, workArea);
            return ARGON2_OK;
        }
        try {
            oversized = new Memory(wanted);
        } catch (OutOfMemoryError e) {
            return ARGON2_MEMORY_ALLOCATION_ERROR;
        }
        memory.setPointer(0, oversized);
        return ARGON2_OK;
    }

    private void release(Pointer memory, Size_t bytes) {
        if (oversized != null && Pointer.nativeValue(memory) == Pointer.nativeValue(oversized)) {
            oversized.close();
            oversized = null;
        }
    }
}
