// AF_NETLINK route sockets: bind with a kernel-assigned port id, an RTM_GETLINK dump (finds
// the loopback interface and its flags), RTM_GETADDR for 127.0.0.1, and NLMSG_ERROR for a
// malformed request. Netlink messages have the same layout on every 64-bit Linux.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int request(int s, int type, int family) {
    struct { struct nlmsghdr h; struct rtgenmsg g; } req;
    memset(&req, 0, sizeof req);
    req.h.nlmsg_len = sizeof req; req.h.nlmsg_type = type; req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    req.h.nlmsg_seq = 1; req.g.rtgen_family = family;
    return send(s, &req, sizeof req, 0) == sizeof req;
}

int main(void) {
    int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    struct sockaddr_nl local = { .nl_family = AF_NETLINK };
    printf("bind %d\n", bind(s, (struct sockaddr *)&local, sizeof local));
    socklen_t len = sizeof local;
    getsockname(s, (struct sockaddr *)&local, &len);
    printf("port id assigned %d family ok %d\n", local.nl_pid != 0, local.nl_family == AF_NETLINK);

    printf("getlink sent %d\n", request(s, RTM_GETLINK, AF_UNSPEC));
    int found_lo = 0, lo_up = 0, done = 0;
    char buffer[32768];
    while (!done) {
        ssize_t n = recv(s, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        for (struct nlmsghdr *h = (struct nlmsghdr *)buffer; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
            if (h->nlmsg_type == NLMSG_DONE) { done = 1; break; }
            if (h->nlmsg_type != RTM_NEWLINK) continue;
            struct ifinfomsg *info = NLMSG_DATA(h);
            int attrlen = h->nlmsg_len - NLMSG_LENGTH(sizeof *info);
            for (struct rtattr *a = IFLA_RTA(info); RTA_OK(a, attrlen); a = RTA_NEXT(a, attrlen)) {
                if (a->rta_type == IFLA_IFNAME && strcmp(RTA_DATA(a), "lo") == 0) {
                    found_lo = 1; lo_up = (info->ifi_flags & IFF_LOOPBACK) != 0;
                }
            }
        }
    }
    printf("dump done %d loopback found %d flagged %d\n", done, found_lo, lo_up);

    request(s, RTM_GETADDR, AF_INET);
    int found_127 = 0; done = 0;
    while (!done) {
        ssize_t n = recv(s, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        for (struct nlmsghdr *h = (struct nlmsghdr *)buffer; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
            if (h->nlmsg_type == NLMSG_DONE) { done = 1; break; }
            struct ifaddrmsg *ifa = NLMSG_DATA(h);
            int attrlen = h->nlmsg_len - NLMSG_LENGTH(sizeof *ifa);
            for (struct rtattr *a = IFA_RTA(ifa); RTA_OK(a, attrlen); a = RTA_NEXT(a, attrlen)) {
                if (a->rta_type == IFA_LOCAL || a->rta_type == IFA_ADDRESS) {
                    struct in_addr addr; memcpy(&addr, RTA_DATA(a), 4);
                    if (addr.s_addr == htonl(INADDR_LOOPBACK)) found_127 = 1;
                }
            }
        }
    }
    printf("addr dump done %d 127.0.0.1 found %d\n", done, found_127);

    struct { struct nlmsghdr h; } bad = { { sizeof bad, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, 2, 0 } };
    send(s, &bad, sizeof bad, 0);
    ssize_t n = recv(s, buffer, sizeof buffer, 0);
    struct nlmsghdr *h = (struct nlmsghdr *)buffer;
    struct nlmsgerr *err = NLMSG_DATA(h);
    printf("error reply %d seq %u negative errno %d\n", n > 0 && h->nlmsg_type == NLMSG_ERROR, h->nlmsg_seq, err->error < 0);
    close(s);
    return 0;
}
