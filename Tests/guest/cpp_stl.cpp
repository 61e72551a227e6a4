// C++ standard library: iostream formatting, vector/map/set/unordered_map/deque/list, algorithms,
// strings and streams, smart pointers, lambdas and std::function, <numeric>, <iomanip>.
#include <algorithm>
#include <deque>
#include <functional>
#include <iomanip>
#include <iostream>
#include <list>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

struct Shape { virtual ~Shape() = default; virtual double area() const = 0; virtual std::string name() const = 0; };
struct Rect : Shape { double w, h; Rect(double a, double b) : w(a), h(b) {} double area() const override { return w * h; } std::string name() const override { return "rect"; } };
struct Circle : Shape { double r; explicit Circle(double x) : r(x) {} double area() const override { return 3.141592653589793 * r * r; } std::string name() const override { return "circle"; } };

int main() {
    std::vector<int> v(1000); std::iota(v.begin(), v.end(), -300);
    unsigned x = 7; std::vector<int> shuffled = v; for (size_t i = shuffled.size() - 1; i > 0; i--) { x = x * 1103515245u + 12345u; std::swap(shuffled[i], shuffled[(x >> 8) % (i + 1)]); }
    std::sort(shuffled.begin(), shuffled.end()); std::cout << "sorted equal " << (shuffled == v) << "\n";
    auto sq = v; std::transform(sq.begin(), sq.end(), sq.begin(), [](int a) { return a * a; });
    std::cout << "sum " << std::accumulate(v.begin(), v.end(), 0L) << " sumsq " << std::accumulate(sq.begin(), sq.end(), 0LL)
              << " evens " << std::count_if(v.begin(), v.end(), [](int a) { return a % 2 == 0; }) << "\n";
    auto it = std::lower_bound(v.begin(), v.end(), 123); std::cout << "lower_bound idx " << (it - v.begin()) << " max " << *std::max_element(sq.begin(), sq.end()) << "\n";
    std::vector<std::pair<std::string, int>> people = {{"carol", 35}, {"alice", 30}, {"bob", 30}, {"dave", 25}, {"eve", 35}};
    std::stable_sort(people.begin(), people.end(), [](auto &a, auto &b) { return a.second < b.second; });
    for (auto &p : people) std::cout << p.first << ":" << p.second << " "; std::cout << "\n";
    std::map<std::string, int> wc; std::istringstream text("the cat and the hat and the bat sat on the mat");
    for (std::string w; text >> w;) wc[w]++;
    for (auto &[w, c] : wc) std::cout << w << "=" << c << " "; std::cout << "\n";
    std::unordered_map<int, std::string> um; for (int i = 0; i < 500; i++) um[i * 7919 % 1000] = std::to_string(i);
    std::vector<int> keys; for (auto &kv : um) keys.push_back(kv.first); std::sort(keys.begin(), keys.end());
    std::cout << "unordered size " << um.size() << " first " << keys.front() << "->" << um[keys.front()] << " last " << keys.back() << "->" << um[keys.back()] << "\n";
    std::set<int> s; for (int i = 0; i < 100; i++) s.insert(i * i % 37); std::cout << "set size " << s.size() << " contains 16 " << s.count(16) << " upper " << *s.upper_bound(20) << "\n";
    std::multiset<int> ms{5, 1, 5, 3, 5}; std::cout << "multiset count5 " << ms.count(5) << "\n";
    std::deque<int> dq; for (int i = 0; i < 10; i++) { if (i % 2) dq.push_front(i); else dq.push_back(i); }
    for (int d : dq) std::cout << d << ","; std::cout << "\n";
    std::list<int> li{9, 3, 7, 1, 8}; li.sort(); li.reverse(); li.remove(7); for (int l : li) std::cout << l << " "; std::cout << "\n";
    std::vector<std::unique_ptr<Shape>> shapes; shapes.push_back(std::make_unique<Rect>(3, 4)); shapes.push_back(std::make_unique<Circle>(1.5)); shapes.push_back(std::make_unique<Rect>(0.5, 10));
    std::sort(shapes.begin(), shapes.end(), [](auto &a, auto &b) { return a->area() < b->area(); });
    for (auto &sh : shapes) std::cout << sh->name() << " " << std::fixed << std::setprecision(3) << sh->area() << "; "; std::cout << "\n";
    auto shared = std::make_shared<std::string>("shared"); { auto copy = shared; std::cout << "use_count " << shared.use_count() << "\n"; } std::cout << "use_count " << shared.use_count() << "\n";
    std::cout << std::defaultfloat << std::setprecision(6) << 1.0 / 3 << " " << std::scientific << 12345.678 << " " << std::hex << 255 << " " << std::oct << 8 << std::dec << " "
              << std::setw(8) << std::setfill('*') << 42 << " " << std::left << std::setw(6) << "ab" << "|" << std::boolalpha << true << "\n";
    std::ostringstream os; os << std::fixed << std::setprecision(2); for (int i = 0; i < 5; i++) os << i * 1.255 << (i < 4 ? "," : ""); std::cout << os.str() << "\n";
    std::string str = "Hello, STL World"; std::string up = str; std::transform(up.begin(), up.end(), up.begin(), ::toupper);
    std::cout << up << " find " << str.find("STL") << " substr " << str.substr(7, 3) << " rfind " << str.rfind('o') << "\n";
    std::string joined; for (int i = 0; i < 5000; i++) joined += std::to_string(i % 10); std::cout << "joined size " << joined.size() << " hash-ish " << std::count(joined.begin(), joined.end(), '7') << "\n";
    std::function<long(int)> fact = [&](int n) -> long { return n <= 1 ? 1 : n * fact(n - 1); }; std::cout << "fact(20) " << fact(20) << "\n";
    std::vector<int> perm{1, 2, 3, 4}; int np = 0; do { np++; } while (std::next_permutation(perm.begin(), perm.end())); std::cout << "perms " << np << "\n";
    std::vector<int> a{1, 3, 5, 7, 9}, b{3, 4, 5, 6, 7}, out; std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    for (int o : out) std::cout << o << " "; std::cout << "\n";
    std::cerr << "cerr line " << 123 << std::endl;
    return 0;
}
