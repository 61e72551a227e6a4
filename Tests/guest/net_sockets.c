// Sockets over loopback: TCP (a server thread accepting with accept4, the client sending 1 MiB
// and reading it back echoed), UDP datagrams with recvfrom addresses, a UNIX socketpair passing
// a descriptor with SCM_RIGHTS and credentials with SCM_CREDENTIALS, getsockopt/setsockopt
// values, getsockname/getpeername, shutdown, and poll readiness.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define TOTAL (1 << 20)
static int listener;

static void *echo_server(void *arg) {
    (void)arg;
    int c = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
    char buffer[8192];
    ssize_t n;
    while ((n = read(c, buffer, sizeof buffer)) > 0) {
        ssize_t done = 0;
        while (done < n) done += write(c, buffer + done, n - done);
    }
    close(c);
    return NULL;
}

static void tcp(void) {
    listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK), .sin_port = 0 };
    bind(listener, (struct sockaddr *)&addr, sizeof addr);
    listen(listener, 4);
    socklen_t len = sizeof addr;
    getsockname(listener, (struct sockaddr *)&addr, &len);
    pthread_t server;
    pthread_create(&server, NULL, echo_server, NULL);
    int s = socket(AF_INET, SOCK_STREAM, 0);
    printf("connect %d\n", connect(s, (struct sockaddr *)&addr, sizeof addr));
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    int value = 0; len = sizeof value;
    getsockopt(s, IPPROTO_TCP, TCP_NODELAY, &value, &len);
    int type = 0; socklen_t tlen = sizeof type;
    getsockopt(s, SOL_SOCKET, SO_TYPE, &type, &tlen);
    printf("nodelay %d type stream %d optlen %u\n", value != 0, type == SOCK_STREAM, (unsigned)len);
    struct sockaddr_in peer; len = sizeof peer;
    getpeername(s, (struct sockaddr *)&peer, &len);
    printf("peer is listener %d\n", peer.sin_port == addr.sin_port);
    char *out = malloc(TOTAL), *in = malloc(TOTAL);
    for (int i = 0; i < TOTAL; i++) out[i] = (char)(i * 7 + 3);
    size_t sent = 0, received = 0;
    while (received < TOTAL) {
        struct pollfd p = { s, POLLIN | (sent < TOTAL ? POLLOUT : 0), 0 };
        poll(&p, 1, 5000);
        if ((p.revents & POLLOUT) && sent < TOTAL) {
            ssize_t n = send(s, out + sent, TOTAL - sent > 65536 ? 65536 : TOTAL - sent, MSG_DONTWAIT);
            if (n > 0) sent += n;
        }
        if (p.revents & POLLIN) {
            ssize_t n = recv(s, in + received, TOTAL - received, MSG_DONTWAIT);
            if (n > 0) received += n;
        }
    }
    printf("tcp echoed %zu bytes equal %d\n", received, memcmp(in, out, TOTAL) == 0);
    shutdown(s, SHUT_WR);
    char extra;
    ssize_t after = read(s, &extra, 1);
    printf("after shutdown read %zd\n", after);
    close(s);
    pthread_join(server, NULL);
    close(listener);
    free(out); free(in);
}

static void udp(void) {
    int a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    bind(a, (struct sockaddr *)&addr, sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(a, (struct sockaddr *)&addr, &len);
    bind(b, (struct sockaddr *)&(struct sockaddr_in){ .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) }, sizeof addr);
    struct sockaddr_in bname; len = sizeof bname;
    getsockname(b, (struct sockaddr *)&bname, &len);
    for (int i = 0; i < 3; i++) {
        char msg[32]; int n = snprintf(msg, sizeof msg, "datagram %d", i);
        sendto(b, msg, n, 0, (struct sockaddr *)&addr, sizeof addr);
    }
    for (int i = 0; i < 3; i++) {
        char buf[64] = {0}; struct sockaddr_in from; socklen_t flen = sizeof from;
        ssize_t n = recvfrom(a, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen);
        printf("udp %zd '%s' from b %d\n", n, buf, from.sin_port == bname.sin_port);
    }
    close(a); close(b);
}

static void unix_rights(void) {
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    int pass = SO_PASSCRED, one = 1;
    setsockopt(sv[1], SOL_SOCKET, pass, &one, sizeof one);
    int pipefd[2]; pipe(pipefd);
    write(pipefd[1], "through the passed fd", 21);
    char data = 'x';
    struct iovec iov = { &data, 1 };
    char control[CMSG_SPACE(sizeof(int))];
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control };
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_RIGHTS; c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &pipefd[0], sizeof(int));
    printf("sendmsg %zd\n", sendmsg(sv[0], &msg, 0));
    char rcontrol[256]; char rdata = 0;
    struct iovec riov = { &rdata, 1 };
    struct msghdr rmsg = { .msg_iov = &riov, .msg_iovlen = 1, .msg_control = rcontrol, .msg_controllen = sizeof rcontrol };
    ssize_t got = recvmsg(sv[1], &rmsg, 0);
    printf("recvmsg %zd data %c\n", got, rdata);
    int got_fd = -1, got_creds = 0;
    for (struct cmsghdr *h = CMSG_FIRSTHDR(&rmsg); h; h = CMSG_NXTHDR(&rmsg, h)) {
        if (h->cmsg_type == SCM_RIGHTS) memcpy(&got_fd, CMSG_DATA(h), sizeof(int));
        if (h->cmsg_type == SCM_CREDENTIALS) {
            struct ucred cred; memcpy(&cred, CMSG_DATA(h), sizeof cred);
            got_creds = cred.pid == getpid() && cred.uid == getuid();
        }
    }
    char buf[32] = {0};
    read(got_fd, buf, sizeof buf - 1);
    printf("passed fd reads '%s' credentials ok %d\n", buf, got_creds);
    struct sockaddr_un path = { .sun_family = AF_UNIX };
    snprintf(path.sun_path, sizeof path.sun_path, "/tmp/net_sockets_%d.sock", getpid());
    int server = socket(AF_UNIX, SOCK_DGRAM, 0);
    unlink(path.sun_path);
    printf("unix bind %d\n", bind(server, (struct sockaddr *)&path, sizeof path));
    int client = socket(AF_UNIX, SOCK_DGRAM, 0);
    sendto(client, "hello unix", 10, 0, (struct sockaddr *)&path, sizeof path);
    char ubuf[16] = {0};
    ssize_t ugot = recv(server, ubuf, sizeof ubuf, 0);
    printf("unix dgram %zd '%s'\n", ugot, ubuf);
    unlink(path.sun_path);
    printf("bad address EFAULT %d\n", connect(client, (struct sockaddr *)8, 16) == -1 && errno == EFAULT);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    tcp();
    udp();
    unix_rights();
    return 0;
}
