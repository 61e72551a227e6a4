// Network interface ioctls on a socket (struct ifreq, struct ifconf with a buffer pointer) and
// the interface-name functions built on them: if_nametoindex (SIOCGIFINDEX), if_indextoname
// (SIOCGIFNAME); socket ioctls SIOCATMARK, SIOCOUTQ, SIOCINQ, FIOGETOWN/FIOSETOWN. Only the
// loopback interface is looked at, so the output is the same on any machine.
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/sockios.h>

static void ifreq_for(struct ifreq *r, const char *name) {
    memset(r, 0, sizeof *r);
    strncpy(r->ifr_name, name, IFNAMSIZ - 1);
}

int main(void) {
    int s = socket(AF_INET, SOCK_DGRAM, 0), rc;
    unsigned index = if_nametoindex("lo");
    printf("if_nametoindex(lo) nonzero: %d\n", index != 0);
    char name[IF_NAMESIZE] = "";
    printf("if_indextoname: %s\n", if_indextoname(index, name) ? name : "(null)");
    errno = 0;
    rc = (int)if_nametoindex("nonexistent0");
    printf("if_nametoindex(nonexistent): %d errno %s\n", rc, strerrorname_np(errno));

    struct ifreq r;
    ifreq_for(&r, "lo");
    rc = ioctl(s, SIOCGIFINDEX, &r);
    printf("SIOCGIFINDEX: %d same %d\n", rc, (unsigned)r.ifr_ifindex == index);
    ifreq_for(&r, "");
    r.ifr_ifindex = (int)index;
    rc = ioctl(s, SIOCGIFNAME, &r);
    printf("SIOCGIFNAME: %d %s\n", rc, r.ifr_name);
    ifreq_for(&r, "lo");
    rc = ioctl(s, SIOCGIFFLAGS, &r);
    printf("SIOCGIFFLAGS: %d up %d loopback %d running %d\n", rc,
           !!(r.ifr_flags & IFF_UP), !!(r.ifr_flags & IFF_LOOPBACK), !!(r.ifr_flags & IFF_RUNNING));
    ifreq_for(&r, "lo");
    rc = ioctl(s, SIOCGIFADDR, &r);
    printf("SIOCGIFADDR: %d family %d %s\n", rc, r.ifr_addr.sa_family,
           inet_ntoa(((struct sockaddr_in *)&r.ifr_addr)->sin_addr));
    ifreq_for(&r, "lo");
    rc = ioctl(s, SIOCGIFNETMASK, &r);
    printf("SIOCGIFNETMASK: %d %s\n", rc, inet_ntoa(((struct sockaddr_in *)&r.ifr_netmask)->sin_addr));
    ifreq_for(&r, "lo");
    rc = ioctl(s, SIOCGIFMTU, &r);
    printf("SIOCGIFMTU: %d positive %d\n", rc, r.ifr_mtu > 0);
    ifreq_for(&r, "lo");
    rc = ioctl(s, SIOCGIFHWADDR, &r);
    printf("SIOCGIFHWADDR: %d type loopback %d\n", rc, r.ifr_hwaddr.sa_family == ARPHRD_LOOPBACK);
    ifreq_for(&r, "lo");
    rc = ioctl(s, SIOCGIFTXQLEN, &r);
    printf("SIOCGIFTXQLEN: %d\n", rc);
    ifreq_for(&r, "lo");
    rc = ioctl(s, SIOCGIFMETRIC, &r);
    printf("SIOCGIFMETRIC: %d metric %d\n", rc, r.ifr_metric);
    ifreq_for(&r, "lo");
    rc = ioctl(s, SIOCGIFMAP, &r);
    printf("SIOCGIFMAP: %d\n", rc);
    ifreq_for(&r, "nonexistent0");
    errno = 0;
    rc = ioctl(s, SIOCGIFFLAGS, &r);
    printf("SIOCGIFFLAGS on a missing interface: %d %s\n", rc, strerrorname_np(errno));

    // SIOCGIFCONF: first the length needed (NULL buffer), then the list; "lo" must be in it.
    struct ifconf conf = {.ifc_len = 0, .ifc_buf = NULL};
    rc = ioctl(s, SIOCGIFCONF, &conf);
    printf("SIOCGIFCONF length query: %d multiple of ifreq %d nonzero %d\n", rc,
           conf.ifc_len % (int)sizeof(struct ifreq) == 0, conf.ifc_len > 0);
    struct ifreq list[64];
    conf.ifc_len = sizeof list;
    conf.ifc_req = list;
    rc = ioctl(s, SIOCGIFCONF, &conf);
    int found = 0;
    for (int i = 0; i < conf.ifc_len / (int)sizeof(struct ifreq); i++) {
        if (strcmp(list[i].ifr_name, "lo") == 0)
            found = ((struct sockaddr_in *)&list[i].ifr_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK);
    }
    printf("SIOCGIFCONF: %d lo 127.0.0.1 listed %d\n", rc, found);
    conf.ifc_len = sizeof list;
    conf.ifc_buf = (char *)8;  // unmapped
    errno = 0;
    rc = ioctl(s, SIOCGIFCONF, &conf);
    printf("SIOCGIFCONF bad buffer: %d %s\n", rc, strerrorname_np(errno));

    // Per-socket ioctls on a connected TCP pair.
    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t alen = sizeof a;
    bind(l, (struct sockaddr *)&a, sizeof a);
    listen(l, 1);
    getsockname(l, (struct sockaddr *)&a, &alen);
    int c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (struct sockaddr *)&a, sizeof a);
    int d = accept(l, NULL, NULL);
    write(c, "twelve bytes", 12);
    usleep(20000);
    int value = -1;
    rc = ioctl(d, SIOCINQ, &value);
    printf("SIOCINQ: %d %d\n", rc, value);
    value = -1;
    rc = ioctl(d, SIOCATMARK, &value);
    printf("SIOCATMARK: %d %d\n", rc, value);
    value = -1;
    rc = ioctl(d, SIOCOUTQ, &value);
    printf("SIOCOUTQ: %d %d\n", rc, value);
    value = -1;
    rc = ioctl(d, SIOCOUTQNSD, &value);
    printf("SIOCOUTQNSD: %d %d\n", rc, value);
    int owner = getpid();
    rc = ioctl(d, FIOSETOWN, &owner);
    printf("FIOSETOWN: %d\n", rc);
    value = 0;
    rc = ioctl(d, FIOGETOWN, &value);
    printf("FIOGETOWN: %d is own pid %d\n", rc, value == getpid());
    value = 0;
    rc = ioctl(d, SIOCGPGRP, &value);
    printf("SIOCGPGRP: %d is own pid %d\n", rc, value == getpid());
    struct timeval tv;
    errno = 0;
    rc = ioctl(d, SIOCGSTAMP, &tv);
    printf("SIOCGSTAMP on TCP: %d %s\n", rc, strerrorname_np(errno));
    close(c); close(d); close(l); close(s);
    return 0;
}
