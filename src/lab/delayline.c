/*
 * delayline: a user-space propagation-delay line between two TUN devices.
 *
 * The kernel on the lab machines has no netem, so the client<->router link is
 * two TUN devices (one created inside each network namespace) and this
 * program moves IP packets between them. Each direction is one FIFO; a packet
 * is released at max(previous release, arrival + delay + jitter), so order is
 * always preserved. Jitter is uniform in [0, J] and is meant for the ACK path
 * only: a jitter-free line makes drop-tail queues lock out the smaller flow.
 *
 * Direction names: "up" = client -> router (ACK path), "down" = router -> client.
 *
 * Output: "ready" on stdout once both devices exist; one JSON stats line on
 * stdout for every SIGUSR1; the same JSON written to --stats-file on SIGUSR1
 * and on exit (SIGTERM/SIGINT/SIGHUP, or when the parent dies).
 *
 * Build: cc -O2 -Wall -o delayline delayline.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define SLOT_BYTES 2048
#define READ_BURST 64
#define NBUCKETS 8
static const uint64_t bucket_upper_ns[NBUCKETS - 1] = {
    50000, 100000, 250000, 500000, 1000000, 2000000, 5000000};

struct slot {
  uint64_t release_ns;
  uint32_t len;
};

struct direction {
  const char *name;
  int in_fd, out_fd;
  uint64_t delay_ns, jitter_ns, last_release_ns;
  struct slot *slots;
  uint8_t *data;
  uint32_t capacity, head, count, max_count;
  uint64_t packets_in, bytes_in, packets_out, bytes_out;
  uint64_t drops_full, drops_write, late_over_1ms, max_late_ns;
  uint64_t lateness[NBUCKETS];
};

struct options {
  const char *client_netns, *client_dev, *router_netns, *router_dev;
  const char *stats_file;
  uint64_t up_delay_ns, down_delay_ns, up_jitter_ns, down_jitter_ns;
  uint32_t capacity;
  int rt_priority;
  uint64_t seed;
};

static volatile sig_atomic_t stop_requested, dump_requested;
static uint64_t rng_state;
static uint64_t start_ns;
static const char *sched_policy_name = "other";

static void on_stop(int sig) { stop_requested = sig; }
static void on_dump(int sig) { (void)sig; dump_requested = 1; }

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* xorshift64*: fast, good enough for jitter. */
static uint64_t next_random(void) {
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 2685821657736338717ull;
}

static void die(const char *what) {
  fprintf(stderr, "delayline: %s: %s\n", what, strerror(errno));
  exit(1);
}

static void usage(void) {
  fprintf(stderr,
          "usage: delayline --client-netns PATH --client-dev NAME --router-netns PATH\n"
          "  --router-dev NAME [--up-delay-us N] [--down-delay-us N] [--up-jitter-us N]\n"
          "  [--down-jitter-us N] [--capacity PACKETS] [--rt-priority N] [--seed N]\n"
          "  [--stats-file PATH]\n");
  exit(2);
}

static uint64_t parse_u64(const char *s) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || *end || end == s) usage();
  return v;
}

static void parse_options(int argc, char **argv, struct options *o) {
  memset(o, 0, sizeof *o);
  o->capacity = 16384;
  o->rt_priority = 50;
  o->seed = (uint64_t)getpid() * 0x9E3779B97F4A7C15ull ^ (uint64_t)time(NULL);
  for (int i = 1; i < argc; i += 2) {
    if (i + 1 >= argc) usage();
    const char *k = argv[i], *v = argv[i + 1];
    if (!strcmp(k, "--client-netns")) o->client_netns = v;
    else if (!strcmp(k, "--client-dev")) o->client_dev = v;
    else if (!strcmp(k, "--router-netns")) o->router_netns = v;
    else if (!strcmp(k, "--router-dev")) o->router_dev = v;
    else if (!strcmp(k, "--stats-file")) o->stats_file = v;
    else if (!strcmp(k, "--up-delay-us")) o->up_delay_ns = parse_u64(v) * 1000;
    else if (!strcmp(k, "--down-delay-us")) o->down_delay_ns = parse_u64(v) * 1000;
    else if (!strcmp(k, "--up-jitter-us")) o->up_jitter_ns = parse_u64(v) * 1000;
    else if (!strcmp(k, "--down-jitter-us")) o->down_jitter_ns = parse_u64(v) * 1000;
    else if (!strcmp(k, "--capacity")) o->capacity = (uint32_t)parse_u64(v);
    else if (!strcmp(k, "--rt-priority")) o->rt_priority = (int)parse_u64(v);
    else if (!strcmp(k, "--seed")) o->seed = parse_u64(v) | 1;
    else usage();
  }
  if (!o->client_netns || !o->client_dev || !o->router_netns || !o->router_dev ||
      o->capacity == 0)
    usage();
}

/* Enter the namespace and create a TUN device there; the fd keeps working
 * after we move on to another namespace. */
static int open_tun_in_netns(const char *netns_path, const char *dev) {
  int ns = open(netns_path, O_RDONLY | O_CLOEXEC);
  if (ns < 0) die(netns_path);
  if (setns(ns, CLONE_NEWNET) < 0) die("setns");
  close(ns);
  int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) die("/dev/net/tun");
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
  strncpy(ifr.ifr_name, dev, IFNAMSIZ - 1);
  if (ioctl(fd, TUNSETIFF, &ifr) < 0) die("TUNSETIFF");
  return fd;
}

static void init_direction(struct direction *d, const char *name, int in_fd, int out_fd,
                           uint64_t delay_ns, uint64_t jitter_ns, uint32_t capacity) {
  memset(d, 0, sizeof *d);
  d->name = name;
  d->in_fd = in_fd;
  d->out_fd = out_fd;
  d->delay_ns = delay_ns;
  d->jitter_ns = jitter_ns;
  d->capacity = capacity;
  d->slots = calloc(capacity, sizeof *d->slots);
  d->data = malloc((size_t)capacity * SLOT_BYTES);
  if (!d->slots || !d->data) die("allocating the delay queue");
  memset(d->data, 0, (size_t)capacity * SLOT_BYTES); /* fault pages in now */
}

static void read_burst(struct direction *d) {
  static uint8_t discard[SLOT_BYTES];
  for (int i = 0; i < READ_BURST; i++) {
    int full = d->count == d->capacity;
    uint32_t idx = (d->head + d->count) % d->capacity;
    uint8_t *buf = full ? discard : d->data + (size_t)idx * SLOT_BYTES;
    ssize_t n = read(d->in_fd, buf, SLOT_BYTES);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) return;
      die("read from tun");
    }
    uint64_t arrival = now_ns();
    d->packets_in++;
    d->bytes_in += (uint64_t)n;
    if (full) {
      d->drops_full++;
      continue;
    }
    uint64_t jitter = d->jitter_ns ? next_random() % (d->jitter_ns + 1) : 0;
    uint64_t release = arrival + d->delay_ns + jitter;
    if (release < d->last_release_ns) release = d->last_release_ns; /* keep FIFO order */
    d->last_release_ns = release;
    d->slots[idx].release_ns = release;
    d->slots[idx].len = (uint32_t)n;
    d->count++;
    if (d->count > d->max_count) d->max_count = d->count;
  }
}

static void record_lateness(struct direction *d, uint64_t late_ns) {
  int b = 0;
  while (b < NBUCKETS - 1 && late_ns >= bucket_upper_ns[b]) b++;
  d->lateness[b]++;
  if (late_ns > 1000000) d->late_over_1ms++;
  if (late_ns > d->max_late_ns) d->max_late_ns = late_ns;
}

static void release_due(struct direction *d) {
  while (d->count > 0) {
    struct slot *s = &d->slots[d->head];
    uint64_t now = now_ns();
    if (s->release_ns > now) return;
    ssize_t n = write(d->out_fd, d->data + (size_t)d->head * SLOT_BYTES, s->len);
    if (n < 0) {
      d->drops_write++;
    } else {
      d->packets_out++;
      d->bytes_out += s->len;
    }
    record_lateness(d, now - s->release_ns);
    d->head = (d->head + 1) % d->capacity;
    d->count--;
  }
}

static int format_direction(char *out, size_t cap, const struct direction *d) {
  int n = snprintf(out, cap,
                   "\"%s\":{\"delay_us\":%llu,\"jitter_us\":%llu,\"packets_in\":%llu,"
                   "\"bytes_in\":%llu,\"packets_out\":%llu,\"bytes_out\":%llu,"
                   "\"drops_full\":%llu,\"drops_write\":%llu,\"queued\":%u,\"max_queued\":%u,"
                   "\"late_over_1ms\":%llu,\"max_late_us\":%llu,\"lateness\":[",
                   d->name, (unsigned long long)(d->delay_ns / 1000),
                   (unsigned long long)(d->jitter_ns / 1000), (unsigned long long)d->packets_in,
                   (unsigned long long)d->bytes_in, (unsigned long long)d->packets_out,
                   (unsigned long long)d->bytes_out, (unsigned long long)d->drops_full,
                   (unsigned long long)d->drops_write, d->count, d->max_count,
                   (unsigned long long)d->late_over_1ms,
                   (unsigned long long)(d->max_late_ns / 1000));
  for (int b = 0; b < NBUCKETS; b++)
    n += snprintf(out + n, cap - (size_t)n, "%s%llu", b ? "," : "",
                  (unsigned long long)d->lateness[b]);
  n += snprintf(out + n, cap - (size_t)n, "]}");
  return n;
}

static void format_stats(char *out, size_t cap, const struct direction *up,
                         const struct direction *down) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  double user = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6;
  double sys = ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
  int n = snprintf(out, cap,
                   "{\"pid\":%d,\"sched\":\"%s\",\"wall_s\":%.3f,\"cpu_user_s\":%.3f,"
                   "\"cpu_sys_s\":%.3f,\"bucket_upper_us\":[50,100,250,500,1000,2000,5000],"
                   "\"directions\":{",
                   getpid(), sched_policy_name, (now_ns() - start_ns) / 1e9, user, sys);
  n += format_direction(out + n, cap - (size_t)n, up);
  n += snprintf(out + n, cap - (size_t)n, ",");
  n += format_direction(out + n, cap - (size_t)n, down);
  snprintf(out + n, cap - (size_t)n, "}}");
}

static void dump_stats(const struct options *o, const struct direction *up,
                       const struct direction *down, int to_stdout) {
  char json[4096];
  format_stats(json, sizeof json, up, down);
  if (to_stdout) {
    printf("%s\n", json);
    fflush(stdout);
  }
  if (!o->stats_file) return;
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s.tmp", o->stats_file);
  FILE *f = fopen(tmp, "w");
  if (!f) return;
  fprintf(f, "%s\n", json);
  fclose(f);
  rename(tmp, o->stats_file); /* readers never see a half-written file */
}

static void set_realtime(int priority) {
  if (priority <= 0) return;
  struct sched_param sp = {.sched_priority = priority};
  if (sched_setscheduler(0, SCHED_FIFO, &sp) < 0) {
    fprintf(stderr, "delayline: warning: SCHED_FIFO refused (%s); timing may be worse\n",
            strerror(errno));
    return;
  }
  sched_policy_name = "fifo";
  if (mlockall(MCL_CURRENT | MCL_FUTURE) < 0)
    fprintf(stderr, "delayline: warning: mlockall failed (%s)\n", strerror(errno));
}

static void install_signals(sigset_t *wait_mask) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_stop;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  sa.sa_handler = on_dump;
  sigaction(SIGUSR1, &sa, NULL);
  sigset_t block;
  sigemptyset(&block);
  sigaddset(&block, SIGTERM);
  sigaddset(&block, SIGINT);
  sigaddset(&block, SIGHUP);
  sigaddset(&block, SIGUSR1);
  /* Signals stay blocked except inside ppoll, so none is lost between checks. */
  sigprocmask(SIG_BLOCK, &block, wait_mask);
  sigdelset(wait_mask, SIGTERM);
  sigdelset(wait_mask, SIGINT);
  sigdelset(wait_mask, SIGHUP);
  sigdelset(wait_mask, SIGUSR1);
}

int main(int argc, char **argv) {
  struct options o;
  parse_options(argc, argv, &o);
  rng_state = o.seed ? o.seed : 88172645463325252ull;
  start_ns = now_ns();

  pid_t parent = getppid();
  prctl(PR_SET_PDEATHSIG, SIGTERM); /* never outlive the lab process */
  if (getppid() != parent) return 0;
  prctl(PR_SET_TIMERSLACK, 1UL);

  sigset_t wait_mask;
  install_signals(&wait_mask);

  int client_fd = open_tun_in_netns(o.client_netns, o.client_dev);
  int router_fd = open_tun_in_netns(o.router_netns, o.router_dev);

  static struct direction up, down;
  init_direction(&up, "up", client_fd, router_fd, o.up_delay_ns, o.up_jitter_ns, o.capacity);
  init_direction(&down, "down", router_fd, client_fd, o.down_delay_ns, o.down_jitter_ns,
                 o.capacity);
  set_realtime(o.rt_priority);

  printf("ready\n");
  fflush(stdout);

  struct pollfd fds[2] = {{.fd = client_fd, .events = POLLIN},
                          {.fd = router_fd, .events = POLLIN}};
  while (!stop_requested) {
    release_due(&up);
    release_due(&down);
    uint64_t next = UINT64_MAX;
    if (up.count) next = up.slots[up.head].release_ns;
    if (down.count && down.slots[down.head].release_ns < next)
      next = down.slots[down.head].release_ns;
    struct timespec timeout, *tp = NULL;
    if (next != UINT64_MAX) {
      uint64_t now = now_ns();
      uint64_t wait = next > now ? next - now : 0;
      timeout.tv_sec = (time_t)(wait / 1000000000ull);
      timeout.tv_nsec = (long)(wait % 1000000000ull);
      tp = &timeout;
    }
    int ready = ppoll(fds, 2, tp, &wait_mask);
    if (ready < 0 && errno != EINTR) die("ppoll");
    if (dump_requested) {
      dump_requested = 0;
      dump_stats(&o, &up, &down, 1);
    }
    if (ready > 0) {
      if (fds[0].revents & POLLIN) read_burst(&up);
      if (fds[1].revents & POLLIN) read_burst(&down);
      if ((fds[0].revents | fds[1].revents) & (POLLERR | POLLHUP | POLLNVAL)) {
        fprintf(stderr, "delayline: a TUN device went away (revents %#x/%#x); exiting\n",
                fds[0].revents, fds[1].revents);
        break;
      }
    }
  }
  if (stop_requested) fprintf(stderr, "delayline: stopping on signal %d\n", (int)stop_requested);
  dump_stats(&o, &up, &down, 1);
  return 0;
}
