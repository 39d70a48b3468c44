// PlateRenderer's fonts and single plates; its scenes are in scene_renderer.cpp.
#include "plate_renderer.hpp"

#include <stdexcept>

#include "plate_fonts.hpp"

namespace platebus::synthetic {

PlateRenderer::PlateRenderer(const std::string& font_dir)
    : fonts_(std::make_unique<PlateFonts>(load_plate_fonts(font_dir))) {}

PlateRenderer::~PlateRenderer() = default;

bool PlateRenderer::uses_truetype() const { return static_cast<bool>(fonts_->characters); }

PlateImage PlateRenderer::render_plate(std::string_view text, const PlateStyle& style, int width) const {
  if (const auto problem = plate_text_problem(text); !problem.empty()) throw std::invalid_argument(problem);
  if (width < 48) throw std::invalid_argument("render_plate: width must be at least 48 pixels");
  return paint_plate(*fonts_, text, style, width);
}

}  // namespace platebus::synthetic
