package corpus

import "syscall"

const sysFstatat = syscall.SYS_FSTATAT
