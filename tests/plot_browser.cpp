// The SVG of `tempo plot` in a real browser: headless Chromium renders it to a PNG (decoded with
// libpng), and the curves' colours must be at the pixels their values give: the warmup's peak,
// the middle and the end of a cosine, both sides and the middle of a staircase's drop. Blank
// space must stay blank where no curve passes. Not a *_test.cpp: its own executable, so that the
// other tests need no browser.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <png.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "../bindings/plot/plot.hpp"
#include "tempo/compile.hpp"

namespace {

struct Image {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;
};

Image decode(const std::string& path) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  REQUIRE_MESSAGE(png_image_begin_read_from_file(&image, path.c_str()), image.message);
  image.format = PNG_FORMAT_RGB;
  Image out{static_cast<int>(image.width), static_cast<int>(image.height), {}};
  out.rgb.resize(PNG_IMAGE_SIZE(image));
  REQUIRE_MESSAGE(png_image_finish_read(&image, nullptr, out.rgb.data(), 0, nullptr),
                  image.message);
  return out;
}

struct Colour {
  int r, g, b;
};
constexpr Colour blue{0x1f, 0x77, 0xb4}, red{0xd6, 0x27, 0x28};

// Whether a pixel within `radius` of (x, y) has the colour (anti-aliasing blurs the edges).
bool near(const Image& image, double x, double y, Colour c, int radius = 2) {
  for (int dy = -radius; dy <= radius; ++dy) {
    for (int dx = -radius; dx <= radius; ++dx) {
      const int px = static_cast<int>(std::lround(x)) + dx;
      const int py = static_cast<int>(std::lround(y)) + dy;
      if (px < 0 || py < 0 || px >= image.width || py >= image.height) continue;
      const unsigned char* p = &image.rgb[(static_cast<std::size_t>(py) * image.width + px) * 3];
      if (std::abs(p[0] - c.r) + std::abs(p[1] - c.g) + std::abs(p[2] - c.b) <= 60) return true;
    }
  }
  return false;
}

double attribute(const std::string& svg, const std::string& name) {
  std::smatch m;
  const std::regex pattern("class=\"plot-area\"[^>]* " + name + "=\"([^\"]*)\"");
  REQUIRE(std::regex_search(svg, m, pattern));
  return std::stod(m[1]);
}

}  // namespace

TEST_CASE("Chromium draws each curve where its values are") {
  tempo::Options options;
  options.total = 10000;
  tempo::plot::Request request;
  request.series.push_back({"lr", tempo::compile("warmup(2000) >> cosine(min=0.1)", options)});
  request.series.push_back({"stairs", tempo::compile("staircase(every=2500, gamma=0.5)", options)});
  request.from = 0;
  request.to = 10000;
  request.width = 800;
  request.height = 400;
  const std::string svg = tempo::plot::svg(request);
  // The axes the values map onto: steps 0 to 10000, values 0 to 1.
  CHECK(svg.find("data-steps=\"0 10000\" data-values=\"0 1\"") != std::string::npos);
  const double x0 = attribute(svg, "x"), y0 = attribute(svg, "y");
  const double w = attribute(svg, "width"), h = attribute(svg, "height");
  auto x = [&](double step) { return x0 + step / 10000 * w; };
  auto y = [&](double value) { return y0 + (1 - value) * h; };

  char pattern[] = "/tmp/tempo-plot-XXXXXX";
  REQUIRE(mkdtemp(pattern));
  const std::filesystem::path dir = pattern;
  std::ofstream(dir / "plot.svg") << svg;
  const std::string command =
      std::string(TEMPO_CHROMIUM) +
      " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
      " --disable-background-networking --disable-component-update --disable-sync"
      " --hide-scrollbars --force-device-scale-factor=1 --user-data-dir=" +
      (dir / "profile").string() +
      " --window-size=1000,600 --screenshot=" + (dir / "plot.png").string() + " file://" +
      (dir / "plot.svg").string() + " >/dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  const Image image = decode((dir / "plot.png").string());
  std::filesystem::remove_all(dir);
  REQUIRE(image.width == 1000);

  const double cosine_middle = 0.1 + 0.9 * (1 + std::cos(M_PI * 0.5)) / 2;  // step 6000
  CHECK(near(image, x(1000), y(0.5), blue));                                // halfway up the warmup
  CHECK(near(image, x(2000), y(1), blue));                                  // the warmup's peak
  CHECK(near(image, x(6000), y(cosine_middle), blue));
  CHECK(near(image, x(10000), y(0.1), blue));  // the end of the cosine
  CHECK_FALSE(near(image, x(1000), y(0.8), blue));
  CHECK_FALSE(near(image, x(6000), y(0.9), blue));

  CHECK(near(image, x(4000), y(0.5), red));    // the second stair
  CHECK(near(image, x(5000), y(0.375), red));  // the drop from 0.5 to 0.25, a vertical stroke
  CHECK(near(image, x(6000), y(0.25), red));
  CHECK(near(image, x(9000), y(0.125), red));
  CHECK_FALSE(near(image, x(4000), y(0.375), red));
  CHECK_FALSE(near(image, x(6000), y(0.375), red));
}
