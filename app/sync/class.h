// A class over CouchDB (issue 17, item 5; names and statements in core/course/classroom.h).
//
// Trainee: JoinClass(code, name) signs in as the trainee's user (class-<id>-<slug>, the code as its
// password) and joins the open workspace to the trainee's database through the ordinary sync
// (app/sync/sync.h) in class mode: personas sync, the course progress goes up as statements.
//
// Trainer: CreateClass signs in with an account that may create databases and users (on CouchDB 3
// a server admin), makes the class directory, and per trainee of the roster a user, a database,
// its _security (the trainee and the trainer's role) and the app's validate_doc_update; the join
// code is shown once (it is the trainees' password: never stored). OpenClass follows a class made
// elsewhere (web/deploy/new-class.sh) by its id, as a user with the trainer's role. While the class
// summary is open, each trainee database's _changes is read every few seconds and its statements
// fill the summary table beside the hand-in files.
//
// The device keeps only what to follow (device setting "class.follow": server, class id, user);
// the session cookie (HttpOnly) signs the requests, as for the sync.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "course/course.h"

struct AppState;

struct ClassTraineeLive {
    std::string Name, Slug, Database;
    std::string Since = "0";                        // the _changes checkpoint, as JSON text received
    std::map<std::string, std::string> Statements;  // _id -> the document's JSON text
    std::set<std::string> Personas;                 // persona ids in the database
    profila::course::HandIn Result;                 // the statements read as a hand-in
    int Status = 0;                                 // HTTP status of the last read (0: none or offline)
    bool InFlight = false;
};

enum class ClassPhase { Off, SigningIn, Creating, Ready, AuthProblem, NoAccess, Offline, Failed };

struct ClassLive {
    // What this device follows as a trainer (device setting "class.follow"), never a password.
    bool Following = false;
    std::string Server = "/couchdb", Id, User;
    bool SettingRead = false;
    ClassPhase Phase = ClassPhase::Off;
    std::string Message;                            // why, when not Ready (a server's reason, a step)
    std::string NewCode;                            // the join code of the class just created (shown, never stored)
    bool RosterLoaded = false, RosterInFlight = false;
    std::vector<ClassTraineeLive> Trainees;
    double NextPollAt = 0.0;
    int Polls = 0;                                  // rounds of reads completed (every trainee answered)
    int Generation = 0;                             // late answers of an older session are dropped
    // The trainer's forms (the password is wiped once used).
    char FormServer[160] = "/couchdb";
    char FormUser[64] = "";
    char FormPassword[96] = "";
    char FormRoster[1024] = "";
    char FormClass[32] = "";
    // The trainee's join form and its last refusal (an i18n key).
    char JoinCode[32] = "";
    char JoinName[96] = "";
    std::string JoinError;
    bool JoinOpen = false;                          // the join form is shown (a button opens it)
    bool FormOpen = false;                          // the trainer's form is shown (a button opens it)
};

// Trainee: joins the open workspace to its class; "" when under way, else an i18n key saying why not.
std::string JoinClass(AppState& state, const std::string& code, const std::string& name);
// Trainer: creates a class for the roster (names separated by commas or lines) and follows it.
void CreateClass(AppState& state, const std::string& server, const std::string& user, const std::string& password,
                 const std::string& roster);
// Trainer: follows a class made elsewhere (its id or join code), signing in as user.
void OpenClass(AppState& state, const std::string& server, const std::string& class_id, const std::string& user,
               const std::string& password);
// Trainer: signs in again once the session ended (the password is used once, not kept).
void SignInClassAgain(AppState& state, const std::string& password);
// Trainer: stops following (the device forgets the class; the server keeps it).
void LeaveClass(AppState& state);
// Every frame: reads the trainee databases while the class summary is open.
void ClassFrame(AppState& state, bool screen_open);
// The hand-ins of the live class (one per trainee on the roster), for the summary table.
std::vector<profila::course::HandIn> LiveHandIns(const AppState& state);
// For window.profila.classStatus().
std::string ClassStatusJson(const AppState& state);
