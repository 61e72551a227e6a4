#!/usr/bin/perl
# Process-model workout for swift-qemu's Debian tests (Tests/GuestProgramTests/DebianScriptTests.swift).
#
# Run twice on the same machine: by the riscv64 perl of the Debian root under the emulator and by
# the host's perl; the two outputs must be equal. So the output never shows pids, ports, times or
# addresses, nor anything that differs between perl 5.36 (host) and 5.40 (root).
#
# Usage: perl process_model.pl [section ...]   (default: every section but threads)
# Sections: fork pipe signal socket threads
use strict;
use warnings;
use Config;
# threads must be loaded before the modules whose data the threads share; loading it starts no
# thread, so the other sections run without thread support too.
use threads;
use threads::shared;
use Thread::Queue;
use POSIX qw(:sys_wait_h :signal_h :errno_h);
use Socket qw(:all);
use IO::Socket::INET;
use IO::Socket::UNIX;
use IO::Select;
use IO::Handle;
use Time::HiRes ();

$| = 1;

sub status_text {
    my ($status) = @_;
    return WIFEXITED($status) ? "exit " . WEXITSTATUS($status)
         : WIFSIGNALED($status) ? "signal " . WTERMSIG($status) : "other $status";
}

sub section_fork {
    my $parent = $$;
    my $pid = fork() // die "fork: $!";
    if ($pid == 0) {
        POSIX::_exit(getppid() == $parent ? 7 : 1);
    }
    my $got = waitpid($pid, 0);
    print "fork: ", ($got == $pid ? "own child" : "other"), " ", status_text($?), "\n";

    my %children;
    for my $i (0 .. 4) {
        my $child = fork() // die "fork: $!";
        if ($child == 0) { POSIX::_exit(20 + $i) }
        $children{$child} = $i;
    }
    my @statuses;
    while ((my $child = wait()) > 0) {
        push @statuses, "$children{$child}:" . ($? >> 8);
    }
    print "five children: @{[sort @statuses]}\n";
    print "wait without children: ", wait(), " ", ($!{ECHILD} ? "ECHILD" : "errno " . ($! + 0)), "\n";

    $pid = fork() // die "fork: $!";
    if ($pid == 0) { sleep 30; POSIX::_exit(0) }
    print "WNOHANG while running: ", waitpid($pid, WNOHANG), "\n";
    kill 'KILL', $pid;
    waitpid($pid, 0);
    print "killed child: ", status_text($?), "\n";

    $pid = fork() // die "fork: $!";
    if ($pid == 0) { exec("/bin/sh", "-c", "exit 6") or POSIX::_exit(99) }
    waitpid($pid, 0);
    print "exec in child: ", status_text($?), "\n";

    system("/bin/sh", "-c", "exit 5");
    print "system: ", $? >> 8, "\n";
    { no warnings 'exec'; system("/nonexistent/program"); }
    print "system of a missing program: ", $? == -1 ? "-1" : $?, "\n";
    my $text = `echo backticks; echo more`;
    print "backticks: ", length($text), " ", $? >> 8, " ", (split /\n/, $text)[1], "\n";
    my @list = qx(printf '3\\n1\\n2\\n' | sort -n);
    chomp @list;
    print "qx pipeline: @list\n";
    my $shared = "parent";
    $pid = fork() // die "fork: $!";
    if ($pid == 0) { $shared = "child"; POSIX::_exit(length $shared) }
    waitpid($pid, 0);
    print "copy-on-write: ", $? >> 8, " $shared\n";
}

sub section_pipe {
    pipe(my $r, my $w) or die "pipe: $!";
    my $pid = fork() // die "fork: $!";
    if ($pid == 0) {
        close $r;
        print $w "line $_\n" for 1 .. 1000;
        close $w;
        POSIX::_exit(0);
    }
    close $w;
    my @lines = <$r>;
    close $r;
    waitpid($pid, 0);
    print "pipe from child: ", scalar(@lines), " lines, last $lines[-1]";

    open(my $from, "-|", "/bin/sh", "-c", "printf 'pear\\napple\\nfig\\n' | sort") or die "open -|: $!";
    my @sorted = <$from>;
    close $from;
    chomp @sorted;
    print "open -|: @sorted status ", $? >> 8, "\n";

    open(my $to, "|-", "sort", "-r") or die "open |-: $!";
    print $to "$_\n" for qw(b c a);
    close $to;
    print "open |-: status ", $? >> 8, "\n";

    # Bidirectional: two pipes, a child that upper-cases lines.
    pipe(my $cr, my $pw) or die;
    pipe(my $pr, my $cw) or die;
    $pid = fork() // die;
    if ($pid == 0) {
        close $pw; close $pr;
        $cw->autoflush(1);
        while (my $line = <$cr>) { print $cw uc $line }
        POSIX::_exit(0);
    }
    close $cr; close $cw;
    $pw->autoflush(1);
    for my $word (qw(alpha beta)) {
        print $pw "$word\n";
        my $reply = <$pr>;
        print "two pipes: $reply";
    }
    close $pw;
    waitpid($pid, 0);
    print "two pipes: child ", status_text($?), "\n";

    pipe(my $er, my $ew) or die;
    close $er;
    local $SIG{PIPE} = 'IGNORE';
    my $ok = syswrite($ew, "x");
    print "write to a pipe without reader: ", defined $ok ? "wrote" : ($!{EPIPE} ? "EPIPE" : "errno " . ($! + 0)), "\n";
}

sub section_signal {
    my $usr1 = 0;
    local $SIG{USR1} = sub { $usr1++ };
    kill 'USR1', $$;
    print "SIGUSR1 handled: $usr1\n";

    my $result = eval {
        local $SIG{ALRM} = sub { die "alarm\n" };
        alarm 1;
        sleep 30;
        alarm 0;
        "not interrupted";
    };
    print "sleep interrupted: ", $result // $@;

    pipe(my $r, my $w) or die;
    $result = eval {
        local $SIG{ALRM} = sub { die "timeout\n" };
        alarm 1;
        my $line = <$r>;
        alarm 0;
        "read returned";
    };
    print "blocking read interrupted: ", $result // $@;
    close $r; close $w;

    # Time::HiRes interval timer; the sleep is cut short by each tick.
    my $ticks = 0;
    local $SIG{ALRM} = sub { $ticks++ };
    Time::HiRes::setitimer(Time::HiRes::ITIMER_REAL(), 0.05, 0.05);
    my $start = Time::HiRes::time();
    Time::HiRes::sleep(0.05) while $ticks < 5 && Time::HiRes::time() - $start < 20;
    Time::HiRes::setitimer(Time::HiRes::ITIMER_REAL(), 0);
    print "interval timer ticks >= 5: ", ($ticks >= 5 ? 1 : 0), "\n";

    # A blocked signal stays pending until unblocked.
    my $usr2 = 0;
    local $SIG{USR2} = sub { $usr2++ };
    my $set = POSIX::SigSet->new(SIGUSR2);
    my $old = POSIX::SigSet->new;
    sigprocmask(SIG_BLOCK, $set, $old) or die "sigprocmask: $!";
    kill 'USR2', $$;
    my $pending = POSIX::SigSet->new;
    sigpending($pending);
    print "blocked: handled $usr2, pending ", $pending->ismember(SIGUSR2), "\n";
    sigprocmask(SIG_SETMASK, $old);
    print "unblocked: handled $usr2\n";

    local $SIG{HUP} = 'IGNORE';
    kill 'HUP', $$;
    print "SIGHUP ignored\n";

    # A child with a SIGTERM handler that exits with a code, and one killed by the default action.
    pipe(my $ready_r, my $ready_w) or die;
    my $pid = fork() // die;
    if ($pid == 0) {
        close $ready_r;
        $SIG{TERM} = sub { POSIX::_exit(42) };
        syswrite($ready_w, "r");
        sleep 1 while 1;
    }
    close $ready_w;
    sysread($ready_r, my $byte, 1);
    kill 'TERM', $pid;
    waitpid($pid, 0);
    print "child with TERM handler: ", status_text($?), "\n";
    $pid = fork() // die;
    if ($pid == 0) { $SIG{TERM} = 'DEFAULT'; sleep 1 while 1 }
    kill 'TERM', $pid;
    waitpid($pid, 0);
    print "child killed by TERM: ", status_text($?), "\n";

    my $chld = 0;
    local $SIG{CHLD} = sub { $chld++ };
    $pid = fork() // die;
    if ($pid == 0) { POSIX::_exit(3) }
    waitpid($pid, 0);
    my $waited = 0;
    while (!$chld && $waited++ < 200) { Time::HiRes::sleep(0.01) }
    print "SIGCHLD handled: ", ($chld ? 1 : 0), " status ", $? >> 8, "\n";
    print "signal names: ", join(",", (split ' ', $Config{sig_name})[1 .. 15]), "\n";
}

sub section_socket {
    my $server = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 0, Listen => 5, Proto => "tcp", ReuseAddr => 1)
        or die "listen: $@";
    my $port = $server->sockport;
    print "tcp listening: ", $server->sockhost, " ", ($port > 0 ? 1 : 0),
          " SO_REUSEADDR ", ($server->sockopt(SO_REUSEADDR) ? 1 : 0), "\n";
    my $pid = fork() // die;
    if ($pid == 0) {
        my $client = IO::Socket::INET->new(PeerAddr => "127.0.0.1", PeerPort => $port, Proto => "tcp") or POSIX::_exit(1);
        print $client "hello server\n";
        my $reply = <$client>;
        POSIX::_exit($reply eq "HELLO SERVER\n" ? 0 : 2);
    }
    my $conn = $server->accept or die "accept: $!";
    my $line = <$conn>;
    print $conn uc $line;
    close $conn;
    waitpid($pid, 0);
    print "tcp echo with a forked client: $line", "client ", status_text($?), "\n";

    # Many clients in turn, the server multiplexing with IO::Select.
    my @kids;
    for my $i (1 .. 3) {
        my $kid = fork() // die;
        if ($kid == 0) {
            my $c = IO::Socket::INET->new(PeerAddr => "127.0.0.1", PeerPort => $port) or POSIX::_exit(1);
            print $c "client $i\n";
            my $reply = <$c>;
            POSIX::_exit($reply eq "ok client $i\n" ? 0 : 2);
        }
        push @kids, $kid;
    }
    my $select = IO::Select->new($server);
    my ($served, @heard) = (0);
    while ($served < 3) {
        for my $fh ($select->can_read(10)) {
            if ($fh == $server) {
                $select->add($server->accept);
            } else {
                my $msg = <$fh>;
                print $fh "ok $msg";
                push @heard, $msg;
                $select->remove($fh);
                close $fh;
                $served++;
            }
        }
    }
    my @codes = map { waitpid($_, 0); $? >> 8 } @kids;
    chomp @heard;
    print "select server: ", join(",", sort @heard), " exits @codes\n";
    close $server;

    my $u1 = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 0, Proto => "udp") or die;
    my $u2 = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 0, Proto => "udp") or die;
    $u2->send("datagram", 0, $u1->sockname) or die "send: $!";
    my $from = $u1->recv(my $data, 100);
    my ($from_port, $from_addr) = unpack_sockaddr_in($from);
    print "udp: $data from ", inet_ntoa($from_addr), " ", ($from_port == $u2->sockport ? "the sender" : "elsewhere"), "\n";

    socketpair(my $left, my $right, AF_UNIX, SOCK_STREAM, PF_UNSPEC) or die "socketpair: $!";
    $left->autoflush(1);
    $right->autoflush(1);
    $pid = fork() // die;
    if ($pid == 0) { close $left; my $l = <$right>; print $right scalar reverse($l =~ s/\n//r), "\n"; POSIX::_exit(0) }
    close $right;
    print $left "socketpair\n";
    print "socketpair through a child: ", scalar <$left>;
    waitpid($pid, 0);

    my $path = "perl-unix.sock";
    my $us = IO::Socket::UNIX->new(Local => $path, Listen => 1, Type => SOCK_STREAM) or die "unix listen: $!";
    my $uc = IO::Socket::UNIX->new(Peer => $path, Type => SOCK_STREAM) or die "unix connect: $!";
    $uc->autoflush(1);
    my $ua = $us->accept;
    print $uc "over a unix socket\n";
    print "unix socket: ", scalar <$ua>;
    print "SO_TYPE: ", unpack("i", getsockopt($ua, SOL_SOCKET, SO_TYPE)) == SOCK_STREAM ? "stream" : "other", "\n";
    unlink $path;

    my $refused = IO::Socket::INET->new(PeerAddr => "127.0.0.1", PeerPort => $port, Proto => "tcp");
    print "connect to closed port: ", defined $refused ? "connected" : ($!{ECONNREFUSED} ? "ECONNREFUSED" : "errno " . ($! + 0)), "\n";
    print "inet_aton: ", join(".", unpack("C4", inet_aton("127.0.0.1"))), "\n";
}

sub section_threads {
    print "useithreads: ", ($Config{useithreads} ? "define" : "undef"), "\n";
    my $counter :shared = 0;
    my @workers = map {
        threads->create(sub {
            for (1 .. 1000) { lock($counter); $counter++ }
            return threads->tid() > 0 ? 1 : 0;
        })
    } 1 .. 4;
    my @returns = map { $_->join } @workers;
    print "shared counter: $counter, returns @returns\n";

    my $work = Thread::Queue->new;
    my $results = Thread::Queue->new;
    my @consumers = map {
        threads->create(sub {
            while (defined(my $item = $work->dequeue)) { $results->enqueue($item * $item) }
        })
    } 1 .. 3;
    $work->enqueue($_) for 1 .. 20;
    $work->end;
    $_->join for @consumers;
    my $sum = 0;
    $sum += $_ for $results->dequeue_nb($results->pending);
    print "queue: $sum\n";

    my @list :shared;
    my $t = threads->create(sub { push @list, $_ for qw(x y z); scalar @list });
    print "thread return: ", $t->join, " list @list\n";

    # A thread that signals another with threads->kill (a perl-level signal).
    my $signalled :shared = 0;
    my $waiter = threads->create(sub {
        local $SIG{KILL} = sub { $signalled = 1; threads->exit() };
        sleep 1 while 1;
    });
    Time::HiRes::sleep(0.2);
    $waiter->kill('KILL')->join;
    print "threads->kill: $signalled\n";

    # Sockets and fork with threads around.
    my $server = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 0, Listen => 1) or die;
    my $port = $server->sockport;
    my $st = threads->create(sub { my $c = $server->accept; my $l = <$c>; print $c scalar reverse($l =~ s/\n//r), "\n"; close $c; 1 });
    my $c = IO::Socket::INET->new(PeerAddr => "127.0.0.1", PeerPort => $port) or die;
    print $c "threaded\n";
    print "threaded server: ", scalar <$c>;
    $st->join;
    print "running threads: ", scalar(threads->list(threads::running)), "\n";
}

my %sections = (fork => \&section_fork, pipe => \&section_pipe, signal => \&section_signal,
                socket => \&section_socket, threads => \&section_threads);
my @run = @ARGV ? @ARGV : qw(fork pipe signal socket);
for my $name (@run) {
    print "== $name\n";
    $sections{$name}->();
}
print "== done\n";
