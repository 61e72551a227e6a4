// SysV IPC: semaphores (semid_ds differs between riscv64 and x86-64), message queues and
// shared memory attached inside the address space.
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

union semun { int val; struct semid_ds *buf; unsigned short *array; };

int main(void) {
    // Semaphores.
    int sem = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
    unsigned short init[3] = {1, 2, 3}, back[3] = {0};
    printf("setall %d\n", semctl(sem, 0, SETALL, (union semun){.array = init}));
    struct sembuf ops[2] = {{0, -1, 0}, {2, 4, 0}};
    printf("semop %d\n", semop(sem, ops, 2));
    semctl(sem, 0, GETALL, (union semun){.array = back});
    printf("values %d %d %d getval %d\n", back[0], back[1], back[2], semctl(sem, 2, GETVAL));
    struct semid_ds ds; memset(&ds, 0xff, sizeof ds);
    int stated = semctl(sem, 0, IPC_STAT, (union semun){.buf = &ds}) >= 0;
    printf("stat %d nsems %lu mode %o otime-set %d\n", stated, (unsigned long)ds.sem_nsems, ds.sem_perm.mode & 0777, ds.sem_otime > 0);
    ds.sem_perm.mode = 0640;
    semctl(sem, 0, IPC_SET, (union semun){.buf = &ds});
    semctl(sem, 0, IPC_STAT, (union semun){.buf = &ds});
    printf("mode after set %o\n", ds.sem_perm.mode & 0777);
    struct timespec zero = {0, 0};
    struct sembuf wait0 = {0, -1, 0};
    printf("semtimedop would block %d\n", semtimedop(sem, &wait0, 1, &zero) < 0);
    printf("rmid %d\n", semctl(sem, 0, IPC_RMID));

    // Message queues.
    int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    struct { long type; char text[32]; } msg = {7, "hello queue"}, got = {0, ""};
    printf("msgsnd %d\n", msgsnd(q, &msg, 12, 0));
    msg.type = 9; strcpy(msg.text, "second");
    msgsnd(q, &msg, 7, 0);
    struct msqid_ds mq; msgctl(q, IPC_STAT, &mq);
    printf("qnum %lu cbytes %lu\n", (unsigned long)mq.msg_qnum, (unsigned long)mq.__msg_cbytes);
    ssize_t r9 = msgrcv(q, &got, sizeof got.text, 9, 0);
    printf("msgrcv type 9: %zd %s\n", r9, got.text);
    ssize_t rany = msgrcv(q, &got, sizeof got.text, 0, 0);
    printf("msgrcv any: %zd type %ld %s\n", rany, got.type, got.text);
    printf("empty nowait %zd\n", msgrcv(q, &got, sizeof got.text, 0, IPC_NOWAIT));
    printf("rmid %d\n", msgctl(q, IPC_RMID, NULL));

    // Shared memory: two attaches of one segment see each other's writes.
    int shm = shmget(IPC_PRIVATE, 10000, IPC_CREAT | 0600);
    char *a = shmat(shm, NULL, 0), *b = shmat(shm, NULL, SHM_RDONLY);
    strcpy(a, "shared text");
    printf("attached %d %d distinct %d b sees %s\n", a != (void *)-1, b != (void *)-1, a != b, b);
    struct shmid_ds sd; shmctl(shm, IPC_STAT, &sd);
    printf("segsz %zu nattch %lu\n", sd.shm_segsz, (unsigned long)sd.shm_nattch);
    int da = shmdt(a);
    int db = shmdt(b);
    printf("shmdt %d %d\n", da, db);
    shmctl(shm, IPC_STAT, &sd);
    int again = shmdt(a);
    printf("nattch after %lu bad shmdt %d\n", (unsigned long)sd.shm_nattch, again);
    shmctl(shm, IPC_RMID, NULL);
    return 0;
}
