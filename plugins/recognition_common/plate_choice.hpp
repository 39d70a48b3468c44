#pragma once
// From the readings of every region in a frame, one read per plate.
#include <vector>

#include "frame_recognizer.hpp"

namespace platebus::recognition {

// Several regions around one plate (the whole plate, its character row, plate and frame, the state
// name above the number) each give a reading: one plate is one read. Readings overlap when either
// region's centre lies inside the other, and readings of the same text anywhere in the frame are
// one plate too. The kept reading is the surest, except that a reading without a digit loses to one
// with digits: inside a plate, that is the state name ("TEXAS") or a slogan, often read very
// surely, while nearly every plate number holds a digit; an all-letter vanity plate still wins
// where nothing with digits overlaps it. Returns the kept readings, digits and surest first.
std::vector<RecognizedPlate> one_reading_per_plate(std::vector<RecognizedPlate> readings);

}  // namespace platebus::recognition
