// C++ exceptions: throw/catch by type hierarchy, rethrow, nested try, RAII destructor order during
// unwinding, exceptions through function pointers and std::function, std::exception_ptr.
#include <cstdio>
#include <exception>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

static std::vector<std::string> log_;
struct Guard { std::string name; explicit Guard(std::string n) : name(std::move(n)) { log_.push_back("ctor " + name); } ~Guard() { log_.push_back("dtor " + name); } };
struct MyError : std::runtime_error { int code; MyError(const std::string &m, int c) : std::runtime_error(m), code(c) {} };
struct Derived : MyError { Derived() : MyError("derived", 7) {} };

static int thrower(int kind) {
    Guard g("thrower" + std::to_string(kind));
    switch (kind) {
    case 0: throw std::out_of_range("index 5 out of range");
    case 1: throw MyError("custom", 42);
    case 2: throw Derived();
    case 3: throw 17;
    case 4: throw std::string("a string");
    case 5: { std::vector<int> v(3); return v.at(10); }
    default: return kind * 2;
    }
}
static int deep(int n, int kind) { Guard g("deep" + std::to_string(n)); if (n == 0) return thrower(kind); return deep(n - 1, kind) + 1; }

int main() {
    for (int kind = 0; kind <= 6; kind++) {
        try { int r = deep(3, kind); std::printf("kind %d returned %d\n", kind, r); }
        catch (const Derived &e) { std::printf("kind %d Derived %s code %d\n", kind, e.what(), e.code); }
        catch (const MyError &e) { std::printf("kind %d MyError %s code %d\n", kind, e.what(), e.code); }
        catch (const std::logic_error &e) { std::printf("kind %d logic_error %s\n", kind, e.what()); }
        catch (int v) { std::printf("kind %d int %d\n", kind, v); }
        catch (...) { std::printf("kind %d unknown\n", kind); }
    }
    for (auto &l : log_) std::printf("%s; ", l.c_str());
    std::printf("\n");
    try { try { throw MyError("inner", 1); } catch (MyError &e) { e.code = 99; throw; } }
    catch (const MyError &e) { std::printf("rethrown code %d\n", e.code); }
    try { try { throw std::runtime_error("first"); } catch (...) { std::throw_with_nested(std::logic_error("second")); } }
    catch (const std::logic_error &e) { std::printf("nested outer %s", e.what());
        try { std::rethrow_if_nested(e); } catch (const std::runtime_error &inner) { std::printf(" inner %s\n", inner.what()); } }
    std::exception_ptr ep;
    try { throw std::invalid_argument("stored"); } catch (...) { ep = std::current_exception(); }
    try { std::rethrow_exception(ep); } catch (const std::exception &e) { std::printf("exception_ptr %s\n", e.what()); }
    std::function<void(int)> f = [](int x) { if (x > 2) throw MyError("lambda", x); };
    int caught = 0; for (int i = 0; i < 6; i++) { try { f(i); } catch (const MyError &e) { caught += e.code; } }
    std::printf("lambda caught sum %d\n", caught);
    try { auto p = std::make_unique<Guard>("unique"); throw std::bad_alloc(); } catch (const std::bad_alloc &e) { std::printf("bad_alloc %s last log %s\n", e.what(), log_.back().c_str()); }
    long total = 0; for (int i = 0; i < 2000; i++) { try { if (i % 3 == 0) throw i; total += i; } catch (int v) { total -= v; } }
    std::printf("loop total %ld uncaught %d\n", total, std::uncaught_exceptions());
    return 0;
}
