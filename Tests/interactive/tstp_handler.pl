# A program that handles SIGTSTP itself and then stops, as full-screen programs do (vi, less):
# the handler restores the default action, stops itself with the same signal (unblocked: Perl
# blocks a signal while its handler runs), and reinstalls itself once continued. Run in the
# foreground of job_control.py's shell.
use POSIX ();
$| = 1;
sub tstp {
    print "tstp handler: stopping\n";
    $SIG{TSTP} = "DEFAULT";
    kill "TSTP", $$;
    POSIX::sigprocmask(POSIX::SIG_UNBLOCK(), POSIX::SigSet->new(POSIX::SIGTSTP()));
    $SIG{TSTP} = \&tstp;
    print "tstp handler: resumed\n";
}
$SIG{TSTP} = \&tstp;
$SIG{CONT} = sub { print "cont handler\n" };
print "ready\n";
sleep 1 while 1;
