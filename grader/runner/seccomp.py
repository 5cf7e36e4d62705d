"""The candidate's seccomp filter: denied system calls, stacked on the engine's default profile.

Seccomp filters stack: the engine's default profile stays in force for the whole container,
and the supervisor adds this filter to the candidate process just before it becomes the
answer. So the candidate is always at least as confined as the default, plus these denials.
The filter is classic BPF built here, so the image needs no libseccomp.
"""

from __future__ import annotations

import ctypes
import errno
import struct

# x86-64 system call numbers (asm/unistd_64.h) the candidate may not make, and why.
DENIED: dict[str, int] = {
    # Reading or steering other processes.
    "ptrace": 101,
    "process_vm_readv": 310,
    "process_vm_writev": 311,
    "kcmp": 312,
    "pidfd_getfd": 438,
    # Mounts, namespaces and changing root.
    "mount": 165,
    "umount2": 166,
    "pivot_root": 155,
    "chroot": 161,
    "unshare": 272,
    "setns": 308,
    "open_tree": 428,
    "move_mount": 429,
    "fsopen": 430,
    "fsconfig": 431,
    "fsmount": 432,
    "fspick": 433,
    "mount_setattr": 442,
    "open_by_handle_at": 304,
    "name_to_handle_at": 303,
    # Kernel attack surface a program never needs here.
    "keyctl": 250,
    "add_key": 248,
    "request_key": 249,
    "bpf": 321,
    "perf_event_open": 298,
    "userfaultfd": 323,
    "io_uring_setup": 425,
    "io_uring_enter": 426,
    "io_uring_register": 427,
    "kexec_load": 246,
    "kexec_file_load": 320,
    "init_module": 175,
    "finit_module": 313,
    "delete_module": 176,
    "iopl": 172,
    "ioperm": 173,
    "lookup_dcookie": 212,
    "fanotify_init": 300,
    "quotactl": 179,
    "uselib": 134,
    "ustat": 136,
    "sysfs": 139,
    "_sysctl": 156,
    "nfsservctl": 180,
    # Machine-wide state.
    "swapon": 167,
    "swapoff": 168,
    "reboot": 169,
    "syslog": 103,
    "acct": 163,
    "settimeofday": 164,
    "clock_settime": 227,
    "adjtimex": 159,
    "clock_adjtime": 305,
    "sethostname": 170,
    "setdomainname": 171,
    "vhangup": 153,
}

# clone3 passes its flags in memory the filter cannot read; ENOSYS makes glibc use clone,
# whose flags it can.
CLONE3 = 435
CLONE = 56
NAMESPACE_FLAGS = 0x7E020080  # CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET|NEWTIME

AUDIT_ARCH_X86_64 = 0xC000003E
X32_SYSCALL_BIT = 0x40000000

_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_JSET_K = 0x45
_RET_K = 0x06

RET_ALLOW = 0x7FFF0000
RET_KILL_PROCESS = 0x80000000


def _ret_errno(code: int) -> int:
    return 0x00050000 | (code & 0xFFFF)


def _insn(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k)


def program() -> list[bytes]:
    """The filter, one 8-byte instruction per item."""
    insns = [
        _insn(_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        _insn(_JEQ_K, 1, 0, AUDIT_ARCH_X86_64),
        _insn(_RET_K, 0, 0, RET_KILL_PROCESS),
        _insn(_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
        _insn(_JGE_K, 0, 1, X32_SYSCALL_BIT),
        _insn(_RET_K, 0, 0, _ret_errno(errno.EPERM)),
        _insn(_JEQ_K, 0, 1, CLONE3),
        _insn(_RET_K, 0, 0, _ret_errno(errno.ENOSYS)),
    ]
    for number in sorted(set(DENIED.values())):
        insns.append(_insn(_JEQ_K, 0, 1, number))
        insns.append(_insn(_RET_K, 0, 0, _ret_errno(errno.EPERM)))
    insns += [
        _insn(_JEQ_K, 0, 3, CLONE),
        _insn(_LD_W_ABS, 0, 0, 16),  # low half of args[0]: clone's flags
        _insn(_JSET_K, 0, 1, NAMESPACE_FLAGS),
        _insn(_RET_K, 0, 0, _ret_errno(errno.EPERM)),
        _insn(_RET_K, 0, 0, RET_ALLOW),
    ]
    return insns


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2


def install() -> None:
    """Apply the filter to the calling process and its future children; raise if it cannot."""
    code = b"".join(program())
    buffer = ctypes.create_string_buffer(code, len(code))
    fprog = _SockFprog(len(code) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_SECCOMP) failed")
